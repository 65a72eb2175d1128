package uk.nhs.pcn.events.registry;

import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** A network closed; {@code effectiveDate} is its close date, the last day it is open. */
@CloudEventType("uk.nhs.pcn.registry.NetworkClosed.v1")
public record NetworkClosed(String networkCode, LocalDate effectiveDate) implements PcnEvent {
    @Override
    public String subject() {
        return networkCode;
    }
}
