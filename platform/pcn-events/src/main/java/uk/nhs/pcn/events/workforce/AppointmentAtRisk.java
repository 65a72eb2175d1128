package uk.nhs.pcn.events.workforce;

import java.math.BigDecimal;
import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** The network closed while the appointment runs past the close date; nothing is ended automatically. */
@CloudEventType("uk.nhs.pcn.workforce.AppointmentAtRisk.v1")
public record AppointmentAtRisk(String networkCode, String appointmentId, String roleCode, boolean linkWorker, LocalDate networkCloseDate, LocalDate effectiveDate) implements PcnEvent {
    @Override
    public String subject() {
        return appointmentId;
    }
}
