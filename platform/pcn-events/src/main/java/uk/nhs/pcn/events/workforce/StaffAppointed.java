package uk.nhs.pcn.events.workforce;

import java.math.BigDecimal;
import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** A member of staff was appointed to an ARRS role in a network. {@code linkWorker} is true for social prescribing link workers, whom the referral service routes referrals to. Only a staff reference is published: no name or other personal data. */
@CloudEventType("uk.nhs.pcn.workforce.StaffAppointed.v1")
public record StaffAppointed(String networkCode, String appointmentId, String staffReference, String roleCode, String roleName, boolean linkWorker, BigDecimal wte, LocalDate effectiveDate, LocalDate endDate) implements PcnEvent {
    @Override
    public String subject() {
        return appointmentId;
    }
}
