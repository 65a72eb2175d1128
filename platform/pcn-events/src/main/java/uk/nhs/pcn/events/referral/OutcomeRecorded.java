package uk.nhs.pcn.events.referral;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * An outcome measure was recorded at {@code timepoint} FIRST_CONTACT or DISCHARGE. {@code measure}: {@code ONS4}
 * (the four personal well-being items, 0-10 each, in {@code items} in the order life satisfaction, worthwhile, happy,
 * anxious: never summed, so {@code total} is absent), {@code WEMWBS} (14 items 1-5, total 14-70) or {@code SWEMWBS}
 * (7 items 1-5, raw total 7-35, {@code metricScore} from the official conversion table).
 */
@CloudEventType("uk.nhs.pcn.referral.OutcomeRecorded.v1")
public record OutcomeRecorded(String networkCode, String referralId, String personPseudonym, String measure,
        String timepoint, List<Integer> items, Integer total, BigDecimal metricScore, Instant recordedAt)
        implements PcnEvent {
    @Override
    public String subject() {
        return referralId;
    }
}
