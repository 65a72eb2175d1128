package uk.nhs.pcn.events.workforce;

import java.math.BigDecimal;
import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** An appointment's whole-time equivalent changed from {@code effectiveDate}. */
@CloudEventType("uk.nhs.pcn.workforce.WorkingHoursChanged.v1")
public record WorkingHoursChanged(String networkCode, String appointmentId, String roleCode, boolean linkWorker, BigDecimal previousWte, BigDecimal wte, LocalDate effectiveDate) implements PcnEvent {
    @Override
    public String subject() {
        return appointmentId;
    }
}
