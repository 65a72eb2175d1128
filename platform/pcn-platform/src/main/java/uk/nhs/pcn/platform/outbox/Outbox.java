package uk.nhs.pcn.platform.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;

import uk.nhs.pcn.events.EventJson;
import uk.nhs.pcn.events.PcnEvent;

/**
 * Records events in the caller's transaction (transactional outbox). They reach Kafka only if that transaction
 * commits, and they reach it even if the broker is down at the time: {@link OutboxRelay} publishes them later.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager entityManager;

    @Inject
    Event<OutboxWritten> written;

    Clock clock = Clock.systemUTC();

    /**
     * Adds an event to the outbox within the current transaction.
     *
     * @param topic the topic to publish on
     * @param key the record key: the network ODS code, so one network's events stay in order
     * @param event the payload
     * @param correlationId shared by the events of one business action; may be null
     * @return the event id ({@code ce_id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID add(String topic, String key, PcnEvent event, String correlationId) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.type() + " cannot be serialised", e);
        }
        entityManager.createNativeQuery("""
                INSERT INTO outbox_event (event_id, topic, record_key, event_type, subject, correlation_id,
                                          occurred_at, payload)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id)
                .setParameter(2, topic)
                .setParameter(3, key)
                .setParameter(4, event.type())
                .setParameter(5, event.subject())
                .setParameter(6, correlationId)
                .setParameter(7, OffsetDateTime.now(clock))
                .setParameter(8, payload)
                .executeUpdate();
        // Observed after commit only, to wake the relay at once rather than at its next poll.
        written.fire(new OutboxWritten());
        return id;
    }

    /** Fired within the writing transaction; the relay observes it after a successful commit. */
    public record OutboxWritten() {
    }
}
