package uk.nhs.pcn.platform.security;

/** Roles carried in the token's {@code groups} claim. */
public final class Roles {

    /** ICB / sub-ICB commissioners: read every network; write the registry. */
    public static final String COMMISSIONER = "commissioner";
    /** A PCN's manager: reads, and changes only the networks named in the token's {@value #NETWORKS_CLAIM} claim. */
    public static final String PCN_MANAGER = "pcn-manager";
    /** A social prescribing link worker. */
    public static final String LINK_WORKER = "link-worker";
    /** Read-only access to the registry and workforce; does not read money. */
    public static final String VIEWER = "viewer";
    /** An ICB finance analyst: reads every network's payments and confirms monthly payments. */
    public static final String FINANCE = "finance";

    /** Claim listing the PCN ODS codes a token may act for. */
    public static final String NETWORKS_CLAIM = "pcn_networks";

    private Roles() {
    }
}
