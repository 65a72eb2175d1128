package uk.nhs.pcn.events.referral;

import java.time.Instant;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * A link worker's open caseload reached the configured share of their capacity (WTE x the annual caseload per WTE):
 * published once each time it rises to the threshold from below.
 */
@CloudEventType("uk.nhs.pcn.referral.CaseloadThresholdReached.v1")
public record CaseloadThresholdReached(String networkCode, String appointmentId, int openReferrals, int capacity,
        int thresholdPercent, Instant reachedAt) implements PcnEvent {
    @Override
    public String subject() {
        return appointmentId;
    }
}
