package uk.nhs.pcn.referral.caseload;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A network's caseloads: counts only, never a person. */
public final class CaseloadViews {

    private CaseloadViews() {
    }

    /**
     * One link worker's open referrals against capacity ({@code wte} x the annual caseload per WTE). {@code byState}
     * counts the open referrals at each pathway state.
     */
    public record LinkWorkerCaseload(String appointmentId, String staffReference, BigDecimal wte, LocalDate startDate,
            LocalDate endDate, boolean takingReferrals, int capacity, int openReferrals, int spare,
            Map<String, Integer> byState, int overdueForAcceptance) {
    }

    /** Referrals waiting for a link worker in post: how many, and since when the oldest has waited. */
    public record Queue(int waiting, Instant oldestWaitingSince, Long oldestWaitingDays) {
    }

    public record NetworkCaseload(String networkCode, LocalDate asAt, int annualCaseloadPerWte,
            List<LinkWorkerCaseload> linkWorkers, Queue queue, int openReferrals, int overdueForAcceptance) {
    }
}
