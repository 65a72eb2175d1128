package uk.nhs.pcn.events.referral;

import java.time.Instant;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * A referral waits in its network's queue: the network has no social prescribing link worker in post
 * ({@code NO_LINK_WORKER_IN_POST}), or the referral's link worker left and no other was in post
 * ({@code LINK_WORKER_LEFT}, with {@code previousAppointmentId}). It is assigned when a link worker starts.
 */
@CloudEventType("uk.nhs.pcn.referral.ReferralQueued.v1")
public record ReferralQueued(String networkCode, String referralId, String reason, String previousAppointmentId,
        Instant queuedAt) implements PcnEvent {
    @Override
    public String subject() {
        return referralId;
    }
}
