package uk.nhs.pcn.events.workforce;

import java.math.BigDecimal;
import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** An appointment ends; {@code effectiveDate} is its last day. */
@CloudEventType("uk.nhs.pcn.workforce.AppointmentEnded.v1")
public record AppointmentEnded(String networkCode, String appointmentId, String roleCode, boolean linkWorker, LocalDate effectiveDate) implements PcnEvent {
    @Override
    public String subject() {
        return appointmentId;
    }
}
