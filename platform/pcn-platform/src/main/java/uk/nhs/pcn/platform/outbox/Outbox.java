package uk.nhs.pcn.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;

import uk.nhs.pcn.events.EventJson;
import uk.nhs.pcn.events.PcnEvent;
import uk.nhs.pcn.platform.tracing.TraceContext;

/**
 * Records events in the caller's transaction (transactional outbox). They reach Kafka only if that transaction
 * commits, and they reach it even if the broker is down at the time: {@link OutboxRelay} publishes them later,
 * in the order they were added.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox_event (event_id, topic, record_key, event_type, subject, correlation_id,
                                      occurred_at, payload, traceparent)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /**
     * An event waiting to be written.
     *
     * @param topic the topic to publish on
     * @param key the record key: the network ODS code, so one network's events stay in order
     * @param event the payload
     * @param correlationId shared by the events of one business action; may be null
     * @param traceparent the W3C trace context of the request that caused it; null for the current span's (an
     *        event written on another thread than its request's, as {@link uk.nhs.pcn.platform.batching.GroupCommit}
     *        does, carries its request's)
     */
    public record Pending(String topic, String key, PcnEvent event, String correlationId, String traceparent) {

        public Pending(String topic, String key, PcnEvent event, String correlationId) {
            this(topic, key, event, correlationId, null);
        }

        /** The same event, traced to the given request. */
        public Pending tracedTo(String requestTraceparent) {
            return new Pending(topic, key, event, correlationId, requestTraceparent);
        }
    }

    @Inject
    EntityManager entityManager;

    @Inject
    Event<OutboxWritten> written;

    Clock clock = Clock.systemUTC();

    /** Adds one event to the outbox within the current transaction; returns its id ({@code ce_id}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID add(Pending pending) {
        return addAll(List.of(pending)).get(0);
    }

    /** Adds events, in order, with one batched insert, within the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> addAll(List<Pending> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> addAll(connection, events));
    }

    /**
     * Adds events, in order, with one batched insert on a connection that takes part in the current transaction
     * (one obtained from the datasource inside it), for writers that use JDBC without Hibernate.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> addAll(Connection connection, List<Pending> events) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = insert(connection, events);
        // Observed after commit only, to wake the relay at once rather than at its next poll.
        written.fire(new OutboxWritten());
        return ids;
    }

    private List<UUID> insert(Connection connection, List<Pending> events) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<UUID> ids = events.stream().map(e -> UUID.randomUUID()).toList();
        // The writing request's trace travels with each event, so its consumers' effects join the same trace.
        String current = TraceContext.currentTraceparent();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < events.size(); i++) {
                Pending p = events.get(i);
                insert.setObject(1, ids.get(i));
                insert.setString(2, p.topic());
                insert.setString(3, p.key());
                insert.setString(4, p.event().type());
                insert.setString(5, p.event().subject());
                insert.setString(6, p.correlationId());
                insert.setObject(7, now);
                insert.setString(8, json(p.event()));
                insert.setString(9, p.traceparent() != null ? p.traceparent() : current);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return ids;
    }

    private static String json(PcnEvent event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.type() + " cannot be serialised", e);
        }
    }

    /** Fired within the writing transaction; the relay observes it after a successful commit. */
    public record OutboxWritten() {
    }
}
