package uk.nhs.pcn.platform.health;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;

/**
 * The channels the service consumes (SmallRye Reactive Messaging): connected, and not stopped by a failure. The
 * connector's own checks would put these in readiness and liveness, where a broker outage would take the service
 * out of the load balancer or restart it; pcn-platform turns them off ({@code quarkus.messaging.health.enabled})
 * and reports the channels here instead. A service that consumes nothing has no messaging extension and sets
 * {@code pcn.health.messaging-channels=false}.
 */
@HealthGroup(HealthGroups.MESSAGING)
@ApplicationScoped
@IfBuildProperty(name = "pcn.health.messaging-channels", stringValue = "true", enableIfMissing = true)
public class MessagingChannelsCheck implements HealthCheck {

    static final String NAME = "Messaging channels";

    @Inject
    HealthCenter channels;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        if (!channels.isInitialized()) {
            return response.down().withData("error", "channels not started yet").build();
        }
        // A channel is OK when neither its liveness nor its readiness report says otherwise.
        Map<String, String> state = new TreeMap<>();
        for (HealthReport report : List.of(channels.getLiveness(), channels.getReadiness())) {
            for (HealthReport.ChannelInfo channel : report.getChannels()) {
                if (channel.isOk()) {
                    state.putIfAbsent(channel.getChannel(), "OK");
                } else {
                    state.put(channel.getChannel(), channel.getMessage() == null ? "not ready" : channel.getMessage());
                }
            }
        }
        state.forEach(response::withData);
        boolean ok = state.values().stream().allMatch("OK"::equals);
        return response.status(ok).build();
    }
}
