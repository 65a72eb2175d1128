package uk.nhs.pcn.events.referral;

import java.time.Instant;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** The referral was declined: SNOMED CT {@code 871711000000103} (social prescribing declined), with a coded reason. */
@CloudEventType("uk.nhs.pcn.referral.ReferralDeclined.v1")
public record ReferralDeclined(String networkCode, String referralId, String snomedCode, String reason,
        Instant declinedAt) implements PcnEvent {
    @Override
    public String subject() {
        return referralId;
    }
}
