package uk.nhs.pcn.events.workforce;

import java.math.BigDecimal;
import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** An appointment's full-time annual salary and employer on-costs changed from {@code effectiveDate}. */
@CloudEventType("uk.nhs.pcn.workforce.PayChanged.v1")
public record PayChanged(String networkCode, String appointmentId, String roleCode, BigDecimal fullTimeAnnualSalary, BigDecimal fullTimeAnnualOnCosts, LocalDate effectiveDate) implements PcnEvent {
    @Override
    public String subject() {
        return appointmentId;
    }
}
