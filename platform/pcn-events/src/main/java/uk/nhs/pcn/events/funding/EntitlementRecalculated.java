package uk.nhs.pcn.events.funding;

import java.math.BigDecimal;
import java.util.List;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * A network's Network Contract DES entitlement for a financial year was recalculated and its total changed (a
 * membership, a population, care-home beds or a rate changed). Totals are of the lines that could be calculated;
 * {@code incomplete} says some could not. {@code previousTotal} is absent the first time the year is calculated.
 */
@CloudEventType("uk.nhs.pcn.funding.EntitlementRecalculated.v1")
public record EntitlementRecalculated(String networkCode, String financialYear, BigDecimal previousTotal,
        BigDecimal newTotal, boolean incomplete, int unavailableLines, List<String> causeEventIds) implements PcnEvent {
    @Override
    public String subject() {
        return networkCode;
    }
}
