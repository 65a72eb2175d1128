package uk.nhs.pcn.workforce.network;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import uk.nhs.pcn.events.PcnEvent;
import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.NetworkClosed;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.NetworkRenamed;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.events.registry.PracticeLeftNetwork;
import uk.nhs.pcn.platform.consumer.IncomingEvent;
import uk.nhs.pcn.platform.consumer.ProcessedEvents;
import uk.nhs.pcn.workforce.staff.AppointmentService;

/**
 * Builds the read model of networks from {@code pcn.registry.v1}. Each record is applied in one transaction with
 * the record of its event id, so a redelivery changes nothing. A record that breaks the contract throws, and the
 * connector moves it to {@code pcn.registry.v1.dlq.workforce-service} and carries on.
 */
@ApplicationScoped
public class RegistryEventsConsumer {

    static final String CONSUMER = "workforce-service";
    private static final Logger LOG = Logger.getLogger(RegistryEventsConsumer.class);

    @Inject
    ProcessedEvents processed;

    @Inject
    RegistryReadModel readModel;

    @Inject
    AppointmentService appointments;

    @Incoming("registry-events")
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (!processed.firstDelivery(CONSUMER, event.id())) {
            LOG.debugf("Skipping redelivered event %s", event.id());
            return;
        }
        PcnEvent payload = event.payload().orElse(null);
        if (payload instanceof NetworkRegistered e) {
            readModel.apply(e);
        } else if (payload instanceof NetworkRenamed e) {
            readModel.apply(e);
        } else if (payload instanceof NetworkClosed e) {
            if (readModel.apply(e)) {
                appointments.flagAtRisk(e.networkCode(), e.effectiveDate());
            }
        } else if (payload instanceof PracticeJoinedNetwork e) {
            readModel.apply(e);
        } else if (payload instanceof PracticeLeftNetwork e) {
            readModel.apply(e);
        } else if (payload instanceof ListSizeRecorded e) {
            readModel.apply(e);
        }
    }
}
