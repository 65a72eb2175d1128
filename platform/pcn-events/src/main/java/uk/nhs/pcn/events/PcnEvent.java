package uk.nhs.pcn.events;

/**
 * A payload published on one of the platform's topics. Every implementation is a record annotated with
 * {@link CloudEventType} and has a JSON Schema in {@code /schemas}.
 */
public interface PcnEvent {

    /**
     * The CloudEvents subject: the thing the event is about (a network or practice ODS code, an appointment id or a
     * referral id).
     */
    String subject();

    /** The CloudEvents type declared on the record. */
    default String type() {
        return EventTypes.typeOf(getClass());
    }
}
