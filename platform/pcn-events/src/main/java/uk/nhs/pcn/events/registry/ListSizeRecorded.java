package uk.nhs.pcn.events.registry;

import java.math.BigDecimal;
import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * A practice's list size as at {@code effectiveDate}. {@code networkCode} is the network the practice belonged
 * to on that date, absent when it belonged to none (the record key is then the practice code).
 * Weighted (Carr-Hill) and PCN adjusted populations are absent when not known. The two optional sources say
 * where the registered count and the weighted population came from (added within v1; absent in older events).
 */
@CloudEventType("uk.nhs.pcn.registry.ListSizeRecorded.v1")
public record ListSizeRecorded(String practiceCode, String networkCode, LocalDate effectiveDate,
        long registeredPatients, BigDecimal weightedPopulation, BigDecimal adjustedPopulation,
        String registeredPatientsSource, String weightedPopulationSource) implements PcnEvent {

    /** Registered count as entered through the registry's API. */
    public static final String SOURCE_API = "api";
    /** NHS Digital "Patients Registered at a GP Practice": a count as at the extract date. */
    public static final String SOURCE_PATIENTS_REGISTERED = "nhsd-patients-registered";
    /**
     * NHS Payments to General Practice, "(Last Known Figure)" columns: the year's average of the quarterly lists,
     * taken as the figure as at the effective date. An approximation.
     */
    public static final String SOURCE_PAYMENTS_LAST_KNOWN = "nhs-payments-last-known";

    /** A list size without sources, as published before the sources were added. */
    public ListSizeRecorded(String practiceCode, String networkCode, LocalDate effectiveDate,
            long registeredPatients, BigDecimal weightedPopulation, BigDecimal adjustedPopulation) {
        this(practiceCode, networkCode, effectiveDate, registeredPatients, weightedPopulation, adjustedPopulation,
                null, null);
    }

    @Override
    public String subject() {
        return practiceCode;
    }
}
