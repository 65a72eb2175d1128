package uk.nhs.pcn.funding.claims;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import uk.nhs.pcn.funding.network.RegistryEventApplier;
import uk.nhs.pcn.platform.consumer.PoisonMessageException;
import uk.nhs.pcn.platform.tracing.ConsumerTracing;

/**
 * Reads each network's monthly ARRS claims from {@code pcn.workforce.v1}. Poison goes to
 * {@code pcn.workforce.v1.dlq.funding-service} at once; other failures are retried as for the registry's events.
 */
@ApplicationScoped
public class WorkforceEventsConsumer {

    @Inject
    WorkforceEventApplier applier;

    @Inject
    ConsumerTracing tracing;

    @Incoming("workforce-events")
    @Blocking
    @Retry(maxRetries = 300, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200, maxDuration = 5,
            durationUnit = ChronoUnit.MINUTES, abortOn = PoisonMessageException.class)
    public void consume(ConsumerRecord<String, byte[]> record) {
        tracing.process(record, RegistryEventApplier.CONSUMER, () -> applier.apply(record));
    }
}
