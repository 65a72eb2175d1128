package uk.nhs.pcn.portal.services;

/** The four services the portal reads, each a panel of the page when it is down. */
public enum PlatformApi {
    REGISTRY("registry-service", "Membership and populations"),
    WORKFORCE("workforce-service", "Workforce"),
    REFERRAL("referral-service", "Social prescribing"),
    FUNDING("funding-service", "Money");

    private final String serviceName;
    private final String panelTitle;

    PlatformApi(String serviceName, String panelTitle) {
        this.serviceName = serviceName;
        this.panelTitle = panelTitle;
    }

    public String serviceName() {
        return serviceName;
    }

    public String panelTitle() {
        return panelTitle;
    }

    /** The panel id on a page; also the name of the change the topic consumer announces. */
    public String panel() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
