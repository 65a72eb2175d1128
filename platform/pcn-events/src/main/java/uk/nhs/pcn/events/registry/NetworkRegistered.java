package uk.nhs.pcn.events.registry;

import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** A Primary Care Network was registered. {@code effectiveDate} is the network's open date. */
@CloudEventType("uk.nhs.pcn.registry.NetworkRegistered.v1")
public record NetworkRegistered(String networkCode, String name, String commissionerCode, LocalDate effectiveDate)
        implements PcnEvent {
    @Override
    public String subject() {
        return networkCode;
    }
}
