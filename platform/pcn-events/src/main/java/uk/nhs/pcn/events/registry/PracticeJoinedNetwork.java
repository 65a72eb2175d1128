package uk.nhs.pcn.events.registry;

import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** A practice became a core member of a network; {@code effectiveDate} is the first day of membership. */
@CloudEventType("uk.nhs.pcn.registry.PracticeJoinedNetwork.v1")
public record PracticeJoinedNetwork(String networkCode, String practiceCode, String practiceName,
        String practiceCommissionerCode, LocalDate effectiveDate) implements PcnEvent {
    @Override
    public String subject() {
        return practiceCode;
    }
}
