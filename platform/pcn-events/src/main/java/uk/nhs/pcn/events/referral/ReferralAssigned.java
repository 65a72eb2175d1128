package uk.nhs.pcn.events.referral;

import java.time.Instant;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * A referral was assigned to a link worker: the workforce appointment ({@code pcn.workforce.v1} appointment id) of
 * the network's link worker with the most spare capacity. {@code reason}: {@code NEW} (on receipt), {@code FROM_QUEUE}
 * (a link worker started), {@code REASSIGNED} (the previous link worker's appointment ended; {@code previousAppointmentId}).
 */
@CloudEventType("uk.nhs.pcn.referral.ReferralAssigned.v1")
public record ReferralAssigned(String networkCode, String referralId, String appointmentId, String reason,
        String previousAppointmentId, Instant assignedAt) implements PcnEvent {
    @Override
    public String subject() {
        return referralId;
    }
}
