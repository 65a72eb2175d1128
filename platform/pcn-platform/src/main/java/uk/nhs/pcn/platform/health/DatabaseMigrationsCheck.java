package uk.nhs.pcn.platform.health;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Readiness: every migration this release ships is applied to its database. Start-up applies them
 * ({@code quarkus.flyway.migrate-at-start}); where migrations run apart from the service, a pod waits here until they
 * have. Once applied they stay applied, so the database is asked only until then.
 */
@Readiness
@ApplicationScoped
public class DatabaseMigrationsCheck implements HealthCheck {

    static final String NAME = "Database migrations";

    @Inject
    Flyway flyway;

    private volatile boolean applied;

    @Override
    public HealthCheckResponse call() {
        if (!applied) {
            MigrationInfo[] pending = flyway.info().pending();
            if (pending.length > 0) {
                return HealthCheckResponse.named(NAME).down().withData("pending", Arrays.stream(pending)
                        .map(m -> String.valueOf(m.getVersion())).collect(Collectors.joining(", "))).build();
            }
            applied = true;
        }
        return HealthCheckResponse.named(NAME).up().build();
    }
}
