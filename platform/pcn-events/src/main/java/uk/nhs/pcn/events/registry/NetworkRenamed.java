package uk.nhs.pcn.events.registry;

import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** A network's name changed from {@code effectiveDate}. */
@CloudEventType("uk.nhs.pcn.registry.NetworkRenamed.v1")
public record NetworkRenamed(String networkCode, String previousName, String name, LocalDate effectiveDate)
        implements PcnEvent {
    @Override
    public String subject() {
        return networkCode;
    }
}
