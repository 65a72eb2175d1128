package uk.nhs.pcn.workforce.network;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import uk.nhs.pcn.events.PcnEvent;
import uk.nhs.pcn.events.registry.NetworkClosed;
import uk.nhs.pcn.platform.consumer.IncomingEvent;
import uk.nhs.pcn.platform.consumer.ProcessedEvents;
import uk.nhs.pcn.platform.registry.RegistryReadModel;
import uk.nhs.pcn.workforce.staff.AppointmentService;

/**
 * Applies one registry record to the read model in one transaction together with the record of its event id, so a
 * redelivery changes nothing. When a known network closes, its appointments running past the close date are
 * flagged at risk in the same transaction.
 */
@ApplicationScoped
public class RegistryEventApplier {

    static final String CONSUMER = "workforce-service";
    private static final Logger LOG = Logger.getLogger(RegistryEventApplier.class);

    @Inject
    ProcessedEvents processed;

    @Inject
    RegistryReadModel readModel;

    @Inject
    AppointmentService appointments;

    @Transactional
    public void apply(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (!processed.firstDelivery(CONSUMER, event.id())) {
            LOG.debugf("Skipping redelivered event %s", event.id());
            return;
        }
        PcnEvent payload = event.payload().orElse(null);
        if (payload instanceof NetworkClosed e) {
            if (readModel.apply(e)) {
                appointments.flagAtRisk(e.networkCode(), e.effectiveDate());
            }
        } else if (payload != null) {
            readModel.apply(payload);
        }
    }
}
