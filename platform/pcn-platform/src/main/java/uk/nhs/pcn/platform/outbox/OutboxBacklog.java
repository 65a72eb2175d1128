package uk.nhs.pcn.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The events committed but not yet acknowledged by Kafka: how many, and how long the first of them (in publishing
 * order) has waited. While the broker is unreachable writes go on and this grows; it is what the messaging health
 * group and the {@code pcn_outbox_pending} and {@code pcn_outbox_oldest_pending_seconds} gauges report.
 * <p>
 * One query on the outbox's partial index of unpublished rows, kept for {@code pcn.outbox.backlog-cache} (a
 * second) so that scrapes and probes together cost at most one query per second; a commit or a publish makes the
 * next reading fresh.
 */
@ApplicationScoped
public class OutboxBacklog {

    private static final String QUERY = """
            SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NULL),
                   (SELECT occurred_at FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT 1)""";

    /**
     * The backlog at one moment.
     *
     * @param pending events not yet acknowledged by Kafka
     * @param oldestPendingAge how long the next event to publish has waited; zero when nothing is pending
     */
    public record Snapshot(long pending, Duration oldestPendingAge) {

        static final Snapshot EMPTY = new Snapshot(0, Duration.ZERO);

        /** Whether events have waited longer than consumers should have to wait for them. */
        public boolean delayedBeyond(Duration maximumAge) {
            return oldestPendingAge.compareTo(maximumAge) > 0;
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @ConfigProperty(name = "pcn.outbox.backlog-cache", defaultValue = "PT1S")
    Duration cacheFor;

    Clock clock = Clock.systemUTC();

    private volatile Snapshot last;
    private volatile long readAt;

    void registerGauges(@Observes StartupEvent startup) {
        // Tagged with the service so that an alert names it, whatever labels the scraper adds.
        Gauge.builder("pcn.outbox.pending", this, backlog -> backlog.gauge(Snapshot::pending))
                .description("Outbox events not yet acknowledged by Kafka")
                .tag("service", service).register(meters);
        Gauge.builder("pcn.outbox.oldest.pending", this,
                backlog -> backlog.gauge(s -> s.oldestPendingAge().toMillis() / 1000.0))
                .description("How long the next outbox event to publish has waited")
                .baseUnit("seconds").tag("service", service).register(meters);
    }

    /** A gauge's value; NaN (no sample) while the database cannot be read. */
    private double gauge(ToDoubleFunction<Snapshot> value) {
        try {
            return value.applyAsDouble(current());
        } catch (IllegalStateException e) {
            return Double.NaN;
        }
    }

    /** The backlog now, or as read less than {@code pcn.outbox.backlog-cache} ago. */
    public Snapshot current() {
        Snapshot snapshot = last;
        if (snapshot != null && System.nanoTime() - readAt < cacheFor.toNanos()) {
            return snapshot;
        }
        synchronized (this) {
            if (last != null && System.nanoTime() - readAt < cacheFor.toNanos()) {
                return last;
            }
            last = read();
            readAt = System.nanoTime();
            return last;
        }
    }

    /** Makes the next reading a fresh one: rows were added or published. */
    void changed() {
        readAt = System.nanoTime() - cacheFor.toNanos();
    }

    private Snapshot read() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(QUERY)) {
            query.setQueryTimeout(1);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                long pending = rs.getLong(1);
                OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
                if (pending == 0 || oldest == null) {
                    return Snapshot.EMPTY;
                }
                Duration age = Duration.between(oldest.toInstant(), Instant.now(clock));
                return new Snapshot(pending, age.isNegative() ? Duration.ZERO : age);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the outbox backlog: " + e.getMessage(), e);
        }
    }
}
