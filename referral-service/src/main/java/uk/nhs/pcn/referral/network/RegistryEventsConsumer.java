package uk.nhs.pcn.referral.network;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import uk.nhs.pcn.platform.consumer.IncomingEvent;
import uk.nhs.pcn.platform.consumer.PoisonMessageException;
import uk.nhs.pcn.platform.consumer.ProcessedEvents;
import uk.nhs.pcn.platform.registry.RegistryReadModel;
import uk.nhs.pcn.platform.tracing.ConsumerTracing;

/**
 * Keeps the platform's registry read model (networks and effective-dated memberships, from {@code pcn.registry.v1})
 * so that a referral goes to the network its practice belongs to on the referral date. Poison records go to
 * {@code pcn.registry.v1.dlq.referral-service}; other failures are retried for up to five minutes.
 */
@ApplicationScoped
public class RegistryEventsConsumer {

    public static final String CONSUMER = "referral-service";

    @Inject
    ProcessedEvents processed;

    @Inject
    RegistryReadModel readModel;

    @Inject
    ConsumerTracing tracing;

    @Incoming("registry-events")
    @Blocking
    @Retry(maxRetries = 300, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200, maxDuration = 5,
            durationUnit = ChronoUnit.MINUTES, abortOn = PoisonMessageException.class)
    public void consume(ConsumerRecord<String, byte[]> record) {
        tracing.process(record, CONSUMER, () -> apply(record));
    }

    @Transactional
    void apply(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (processed.firstDelivery(CONSUMER, event.id())) {
            event.payload().ifPresent(readModel::apply);
        }
    }
}
