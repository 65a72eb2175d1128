package uk.nhs.pcn.funding.network;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import uk.nhs.pcn.events.PcnEvent;
import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.NetworkClosed;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.NetworkRenamed;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.events.registry.PracticeLeftNetwork;
import uk.nhs.pcn.funding.schedule.Recalculations;
import uk.nhs.pcn.platform.consumer.IncomingEvent;
import uk.nhs.pcn.platform.consumer.ProcessedEvents;
import uk.nhs.pcn.platform.registry.RegistryReadModel;

/**
 * Applies one registry record to the read model in one transaction, together with the record of its event id (so a
 * redelivery changes nothing) and the networks' years it affects, marked due for recalculation with the event id as
 * the cause.
 */
@ApplicationScoped
public class RegistryEventApplier {

    public static final String CONSUMER = "funding-service";
    private static final Logger LOG = Logger.getLogger(RegistryEventApplier.class);

    @Inject
    ProcessedEvents processed;

    @Inject
    RegistryReadModel readModel;

    @Inject
    Recalculations recalculations;

    @Transactional
    public void apply(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (!processed.firstDelivery(CONSUMER, event.id())) {
            LOG.debugf("Skipping redelivered event %s", event.id());
            return;
        }
        Recalculations.Cause cause = new Recalculations.Cause(event.id(), event.type());
        PcnEvent payload = event.payload().orElse(null);
        if (payload instanceof NetworkRegistered e) {
            readModel.apply(e);
            recalculations.due(e.networkCode(), recalculations.yearsFrom(e.effectiveDate()), cause);
        } else if (payload instanceof NetworkRenamed e) {
            readModel.apply(e);
        } else if (payload instanceof NetworkClosed e) {
            if (readModel.apply(e)) {
                recalculations.due(e.networkCode(), recalculations.yearsFrom(e.effectiveDate()), cause);
            }
        } else if (payload instanceof PracticeJoinedNetwork e) {
            readModel.apply(e);
            recalculations.due(e.networkCode(), recalculations.yearsFrom(e.effectiveDate()), cause);
        } else if (payload instanceof PracticeLeftNetwork e) {
            readModel.apply(e);
            recalculations.due(e.networkCode(), recalculations.yearsFrom(e.effectiveDate()), cause);
        } else if (payload instanceof ListSizeRecorded e) {
            readModel.apply(e);
            // The figure is the population of the year whose population date is the next 1 January: recalculate
            // every network the practice belonged to in that year.
            recalculations.yearUsingPopulationOf(e.effectiveDate()).ifPresent(year -> {
                for (String network : readModel.networksOf(e.practiceCode(), year.start(), year.end())) {
                    recalculations.due(network, List.of(year), cause);
                }
            });
        }
    }
}
