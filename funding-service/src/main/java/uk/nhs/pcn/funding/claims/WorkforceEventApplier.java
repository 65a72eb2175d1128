package uk.nhs.pcn.funding.claims;

import java.time.YearMonth;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.events.workforce.MonthlyClaimCalculated;
import uk.nhs.pcn.funding.network.RegistryEventApplier;
import uk.nhs.pcn.funding.schedule.Recalculations;
import uk.nhs.pcn.platform.consumer.IncomingEvent;
import uk.nhs.pcn.platform.consumer.ProcessedEvents;
import uk.nhs.pcn.platform.time.FinancialYear;

/**
 * Applies one workforce record in one transaction with the record of its event id: a calculated monthly claim
 * replaces the month's claim, and the network's year is marked due so the ARRS sum is checked against the claims.
 * Other workforce events are of no interest here.
 */
@ApplicationScoped
public class WorkforceEventApplier {

    private static final Logger LOG = Logger.getLogger(WorkforceEventApplier.class);

    @Inject
    ProcessedEvents processed;

    @Inject
    ArrsClaims claims;

    @Inject
    Recalculations recalculations;

    @Transactional
    public void apply(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (!processed.firstDelivery(RegistryEventApplier.CONSUMER, event.id())) {
            LOG.debugf("Skipping redelivered event %s", event.id());
            return;
        }
        if (event.payload().orElse(null) instanceof MonthlyClaimCalculated claim) {
            claims.record(claim, incomplete(event.body()), event.id());
            FinancialYear year = FinancialYear.of(YearMonth.parse(claim.month()));
            recalculations.due(claim.networkCode(), recalculations.ruleYearOf(year.start()).map(List::of)
                    .orElse(List.of()), new Recalculations.Cause(event.id(), event.type()));
        }
    }

    /**
     * Whether workforce says the claim left lines out. Producers that predate that field send neither: the claim is
     * then taken as complete.
     */
    static boolean incomplete(JsonNode body) {
        return body.path("incomplete").asBoolean(false) || body.path("unavailableLines").asInt(0) > 0;
    }
}
