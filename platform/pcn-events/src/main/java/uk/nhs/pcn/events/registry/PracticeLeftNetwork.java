package uk.nhs.pcn.events.registry;

import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** A practice stopped being a member of a network; {@code effectiveDate} is the last day of membership. */
@CloudEventType("uk.nhs.pcn.registry.PracticeLeftNetwork.v1")
public record PracticeLeftNetwork(String networkCode, String practiceCode, LocalDate effectiveDate)
        implements PcnEvent {
    @Override
    public String subject() {
        return practiceCode;
    }
}
