package uk.nhs.pcn.events.referral;

import java.time.Instant;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * The link worker accepted the referral: the first interaction of the social prescribing episode, SNOMED CT
 * {@code 871731000000106} (referral to social prescribing service). {@code daysWaiting} is whole days from receipt.
 */
@CloudEventType("uk.nhs.pcn.referral.ReferralAccepted.v1")
public record ReferralAccepted(String networkCode, String referralId, String appointmentId, String snomedCode,
        int daysWaiting, Instant acceptedAt) implements PcnEvent {
    @Override
    public String subject() {
        return referralId;
    }
}
