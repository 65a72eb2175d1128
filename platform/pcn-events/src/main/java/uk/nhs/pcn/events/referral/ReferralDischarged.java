package uk.nhs.pcn.events.referral;

import java.time.Instant;
import java.util.List;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * The person left the pathway. {@code outcome}: {@code DISCHARGED} (the pathway completed, with a coded
 * {@code reason}), {@code DID_NOT_ATTEND} or {@code WITHDRAWN} (possible from any open state; {@code stage} is the
 * state the referral was in). Counts only: the connections made by type, and the contacts held.
 */
@CloudEventType("uk.nhs.pcn.referral.ReferralDischarged.v1")
public record ReferralDischarged(String networkCode, String referralId, String outcome, String reason, String stage,
        int contacts, List<ConnectionCount> connections, int daysOpen, Instant dischargedAt) implements PcnEvent {

    /** Connections of one type: {@code serviceType} COMMUNITY, VOLUNTARY or STATUTORY; {@code mode} SIGNPOSTED or REFERRED. */
    public record ConnectionCount(String serviceType, String mode, int count, int attended) {
    }

    @Override
    public String subject() {
        return referralId;
    }
}
