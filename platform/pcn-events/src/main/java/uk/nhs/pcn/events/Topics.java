package uk.nhs.pcn.events;

/** Topic names: one per publishing service, versioned. Dead letters go to {@code <topic>.dlq.<consumer>}. */
public final class Topics {

    public static final String REGISTRY = "pcn.registry.v1";
    public static final String WORKFORCE = "pcn.workforce.v1";
    public static final String REFERRAL = "pcn.referral.v1";
    public static final String FUNDING = "pcn.funding.v1";

    private Topics() {
    }

    public static String deadLetter(String topic, String consumer) {
        return topic + ".dlq." + consumer;
    }
}
