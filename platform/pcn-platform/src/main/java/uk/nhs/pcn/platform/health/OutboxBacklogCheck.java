package uk.nhs.pcn.platform.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;
import uk.nhs.pcn.platform.outbox.OutboxBacklog;

/**
 * The events waiting in the outbox for Kafka: DOWN once the next one to publish has waited longer than
 * {@code pcn.outbox.max-pending-age} (5 minutes), when consumers are seeing the service's changes late.
 */
@HealthGroup(HealthGroups.MESSAGING)
@ApplicationScoped
public class OutboxBacklogCheck implements HealthCheck {

    static final String NAME = "Outbox backlog";

    @Inject
    OutboxBacklog backlog;

    @ConfigProperty(name = "pcn.outbox.max-pending-age", defaultValue = "PT5M")
    Duration maximumAge;

    @Override
    public HealthCheckResponse call() {
        try {
            OutboxBacklog.Snapshot now = backlog.current();
            return HealthCheckResponse.named(NAME)
                    .status(!now.delayedBeyond(maximumAge))
                    .withData("pending", now.pending())
                    .withData("oldestPendingSeconds", now.oldestPendingAge().toSeconds())
                    .withData("maximumPendingSeconds", maximumAge.toSeconds())
                    .build();
        } catch (IllegalStateException e) {
            return HealthCheckResponse.named(NAME).down().withData("error", "the outbox cannot be read").build();
        }
    }
}
