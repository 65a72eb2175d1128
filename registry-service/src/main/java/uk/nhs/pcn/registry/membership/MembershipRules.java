package uk.nhs.pcn.registry.membership;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;

import uk.nhs.pcn.platform.problem.ProblemException;

/** The rules a membership spell must keep, as plain functions over values (no storage). */
public final class MembershipRules {

    private MembershipRules() {
    }

    /** The first existing spell the candidate would overlap, if any. */
    public static Optional<Spell> firstOverlap(Spell candidate, Collection<Spell> existing) {
        return existing.stream().filter(candidate::overlaps).findFirst();
    }

    /**
     * @throws ProblemException 409 naming the conflicting spell when the practice would belong to two networks on
     *         one day, or when the spell falls outside the network's open and close dates
     */
    public static void check(String practiceCode, Spell candidate, Collection<Spell> existing,
            LocalDate networkOpen, LocalDate networkClose) {
        if (candidate.end() != null && candidate.end().isBefore(candidate.start())) {
            throw ProblemException.invalid("to", "after-start",
                    "The membership cannot end (" + candidate.end() + ") before it starts (" + candidate.start() + ")");
        }
        if (candidate.start().isBefore(networkOpen)) {
            throw ProblemException.conflict("outside-network-dates", "Outside the network's open dates",
                    "Network " + candidate.networkCode() + " opens on " + networkOpen + "; a membership cannot start on "
                            + candidate.start(), "from");
        }
        if (networkClose != null && (candidate.end() == null || candidate.end().isAfter(networkClose))) {
            throw ProblemException.conflict("outside-network-dates", "Outside the network's open dates",
                    "Network " + candidate.networkCode() + " closes on " + networkClose
                            + "; the membership must end on or before that date", "to");
        }
        firstOverlap(candidate, existing).ifPresent(conflict -> {
            throw overlapping(practiceCode, conflict, candidate.describe(), "from");
        });
    }

    /**
     * The 409 that names a practice's spell another would overlap.
     *
     * @param candidate the overlapping spell as the user knows it, e.g. "U45102 from 2025-01-01 (current)"
     * @param field the request field (or import sheet) the overlap is reported against
     */
    public static ProblemException overlapping(String practiceCode, Spell existing, String candidate, String field) {
        return ProblemException.conflict("overlapping-membership", "Overlapping membership",
                "Practice " + practiceCode + " is already a member of " + existing.describe() + ", which overlaps "
                        + candidate + ". A practice belongs to at most one network on any day.",
                field);
    }
}
