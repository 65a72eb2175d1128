package uk.nhs.pcn.events.registry;

import java.math.BigDecimal;
import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * A practice's list size as at {@code effectiveDate}. {@code networkCode} is the network the practice belonged
 * to on that date, absent when it belonged to none (the record key is then the practice code).
 * Weighted (Carr-Hill) and PCN adjusted populations are absent when not known.
 */
@CloudEventType("uk.nhs.pcn.registry.ListSizeRecorded.v1")
public record ListSizeRecorded(String practiceCode, String networkCode, LocalDate effectiveDate,
        long registeredPatients, BigDecimal weightedPopulation, BigDecimal adjustedPopulation) implements PcnEvent {
    @Override
    public String subject() {
        return practiceCode;
    }
}
