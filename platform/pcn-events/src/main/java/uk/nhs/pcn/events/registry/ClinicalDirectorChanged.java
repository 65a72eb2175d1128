package uk.nhs.pcn.events.registry;

import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** The network's clinical director (a named clinician, a public role) from {@code effectiveDate}. */
@CloudEventType("uk.nhs.pcn.registry.ClinicalDirectorChanged.v1")
public record ClinicalDirectorChanged(String networkCode, String clinicalDirectorName, LocalDate effectiveDate)
        implements PcnEvent {
    @Override
    public String subject() {
        return networkCode;
    }
}
