package uk.nhs.pcn.referral.linkworker;

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
 * Keeps the network's link workers from {@code pcn.workforce.v1}, one record at a time in partition order. A record
 * that breaks the contract goes to {@code pcn.workforce.v1.dlq.referral-service} at once and consumption carries on;
 * other failures (the database unavailable) are retried for up to five minutes first.
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
        tracing.process(record, WorkforceEventApplier.CONSUMER, () -> applier.apply(record));
    }
}
