package uk.nhs.pcn.referral.caseload;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A link worker's capacity: the people they can carry at once, pro rata to their whole-time equivalent (WTE x the
 * annual caseload per WTE, 250 by default: a link worker carries roughly 200-250 people a year), rounded down.
 */
public record Capacity(int annualCaseloadPerWte) {

    public Capacity {
        if (annualCaseloadPerWte < 1) {
            throw new IllegalArgumentException("pcn.referral.annual-caseload-per-wte must be at least 1");
        }
    }

    public int of(BigDecimal wte) {
        return wte.multiply(BigDecimal.valueOf(annualCaseloadPerWte)).setScale(0, RoundingMode.FLOOR).intValueExact();
    }
}
