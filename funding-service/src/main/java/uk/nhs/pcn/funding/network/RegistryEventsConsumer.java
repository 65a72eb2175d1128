package uk.nhs.pcn.funding.network;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import uk.nhs.pcn.platform.consumer.PoisonMessageException;
import uk.nhs.pcn.platform.tracing.ConsumerTracing;

/**
 * Builds the read model of networks, memberships and populations from {@code pcn.registry.v1}, one record at a time
 * in partition order.
 * <ul>
 * <li>A record that breaks the contract is poison: the connector moves it to
 * {@code pcn.registry.v1.dlq.funding-service} at once and carries on.</li>
 * <li>Any other failure (the database unavailable, say) is retried, each attempt in a fresh transaction, for up
 * to five minutes; the partition waits meanwhile, so a short outage loses nothing and keeps order. Only after
 * that is the record dead-lettered, from where it can be replayed.</li>
 * </ul>
 */
@ApplicationScoped
public class RegistryEventsConsumer {

    @Inject
    RegistryEventApplier applier;

    @Inject
    ConsumerTracing tracing;

    @Incoming("registry-events")
    @Blocking
    @Retry(maxRetries = 300, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200, maxDuration = 5,
            durationUnit = ChronoUnit.MINUTES, abortOn = PoisonMessageException.class)
    public void consume(ConsumerRecord<String, byte[]> record) {
        tracing.process(record, RegistryEventApplier.CONSUMER, () -> applier.apply(record));
    }
}
