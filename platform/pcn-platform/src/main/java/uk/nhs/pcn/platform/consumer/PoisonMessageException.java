package uk.nhs.pcn.platform.consumer;

/**
 * A record that can never be applied (not a CloudEvent, not JSON, invalid for its schema). Thrown from a consumer
 * so the messaging connector's dead-letter strategy moves the record to {@code <topic>.dlq.<consumer>} and the
 * consumer carries on with the next record.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }
}
