package uk.nhs.pcn.platform.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes stored answers older than {@code pcn.idempotency.retention} (24 hours unless configured), every
 * {@code pcn.idempotency.cleanup-every}. An expired answer is never replayed even before it is deleted
 * ({@link IdempotentAnswers} checks its age), so this only keeps the table small. Every replica may run it: the
 * delete is the same whoever runs it.
 */
@ApplicationScoped
public class IdempotencyCleanup {

    private static final Logger LOG = Logger.getLogger(IdempotencyCleanup.class);

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "pcn.idempotency.retention")
    Duration retention;

    Clock clock = Clock.systemUTC();

    @Scheduled(every = "${pcn.idempotency.cleanup-every}", delayed = "${pcn.idempotency.cleanup-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int deleted = deleteExpired();
        if (deleted > 0) {
            LOG.debugf("Deleted %d stored Idempotency-Key answers older than %s", deleted, retention);
        }
    }

    /** @return how many stored answers were older than the retention period and are now deleted */
    public int deleteExpired() {
        OffsetDateTime cutOff = OffsetDateTime.now(clock).minus(retention);
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("DELETE FROM idempotency_key WHERE created_at < ?1")
                .setParameter(1, cutOff).executeUpdate());
    }
}
