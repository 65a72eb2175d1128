package uk.nhs.pcn.referral.caseload;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the link worker for a referral: the one with the most spare places (capacity less open referrals). Ties go
 * to the lower share of capacity in use, then the longer in post, then the appointment id, so the same caseloads always
 * give the same answer. A link worker over capacity still receives referrals when every colleague is fuller: the
 * referral is never left unassigned while someone is in post (the caseload threshold event warns the network).
 */
public final class Routing {

    /** A link worker in post and their open caseload. */
    public record Candidate(String appointmentId, BigDecimal wte, LocalDate startDate, int openReferrals, int capacity) {

        int spare() {
            return capacity - openReferrals;
        }

        double load() {
            return capacity == 0 ? Double.POSITIVE_INFINITY : (double) openReferrals / capacity;
        }
    }

    static final Comparator<Candidate> PREFERENCE = Comparator.comparingInt(Candidate::spare).reversed()
            .thenComparingDouble(Candidate::load)
            .thenComparing(Candidate::startDate)
            .thenComparing(Candidate::appointmentId);

    private Routing() {
    }

    /** @return the chosen link worker, or empty when none is in post (the referral waits in the network's queue) */
    public static Optional<Candidate> choose(List<Candidate> inPost) {
        return inPost.stream().min(PREFERENCE);
    }
}
