package uk.nhs.pcn.events;

/** Topic names: one per publishing service, versioned. Dead letters go to {@code <topic>.dlq.<consumer>}. */
public final class Topics {

    public static final String REGISTRY = "pcn.registry.v1";
    public static final String WORKFORCE = "pcn.workforce.v1";
    public static final String REFERRAL = "pcn.referral.v1";
    public static final String FUNDING = "pcn.funding.v1";

    /** The public topics: a contract kept for ever, so none of them expires its events. */
    public static final java.util.List<String> PUBLIC = java.util.List.of(REGISTRY, WORKFORCE, REFERRAL, FUNDING);

    private Topics() {
    }

    public static String deadLetter(String topic, String consumer) {
        return topic + ".dlq." + consumer;
    }
}
