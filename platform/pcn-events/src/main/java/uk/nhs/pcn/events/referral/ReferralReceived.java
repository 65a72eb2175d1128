package uk.nhs.pcn.events.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * A social prescribing referral was received for a network: the referring (or registered) practice's network on the
 * referral date. Pseudonymised: the person appears only as {@code personPseudonym}, a keyed hash (HMAC-SHA256) of the
 * NHS number, stable within the platform so people can be counted but not identified; {@code ageBand} is the age on
 * the referral date. Never a name, NHS number, date of birth, contact detail or free text.
 */
@CloudEventType("uk.nhs.pcn.referral.ReferralReceived.v1")
public record ReferralReceived(String networkCode, String referralId, String practiceCode, String personPseudonym,
        String source, List<String> needs, String ageBand, boolean consentToShare, LocalDate referralDate,
        Instant receivedAt) implements PcnEvent {
    @Override
    public String subject() {
        return referralId;
    }
}
