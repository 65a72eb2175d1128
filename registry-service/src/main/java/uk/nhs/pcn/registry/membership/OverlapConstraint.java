package uk.nhs.pcn.registry.membership;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.nhs.pcn.platform.problem.ConstraintProblems;
import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * The database's last word on overlapping spells ({@code membership_no_overlap}): when two writes race past the
 * service's own check, the loser gets the same named overlapping-membership problem the check gives, naming the
 * practice and the spell it would overlap, not a generic conflict.
 */
@ApplicationScoped
public class OverlapConstraint implements ConstraintProblems {

    static final String CONSTRAINT = "membership_no_overlap";

    /**
     * PostgreSQL's detail: {@code Key (practice_code, daterange(...))=(A83005, [2020-04-01,)) conflicts with
     * existing key (practice_code, daterange(...))=(A83005, [2019-10-01,2020-04-01)).} Ranges are canonical:
     * inclusive start, exclusive end, an empty end for a current spell.
     */
    private static final Pattern DETAIL = Pattern.compile(
            "=\\(([A-Z0-9]+), \\[([0-9-]+),([0-9-]*)\\)\\) conflicts with existing key \\(.*\\)=\\(([A-Z0-9]+), "
                    + "\\[([0-9-]+),([0-9-]*)\\)\\)");

    @Override
    public Optional<ProblemException> explain(SQLException violation) {
        ServerErrorMessage message = serverMessage(violation);
        if (message == null || !CONSTRAINT.equals(message.getConstraint())) {
            return Optional.empty();
        }
        Matcher m = message.getDetail() == null ? null : DETAIL.matcher(message.getDetail());
        if (m == null || !m.find()) {
            return Optional.of(ProblemException.conflict("overlapping-membership", "Overlapping membership",
                    "The practice is already a member of another network on one of these days. A practice belongs"
                            + " to at most one network on any day.", "from"));
        }
        String practice = m.group(1);
        Spell candidate = new Spell(null, LocalDate.parse(m.group(2)), lastDay(m.group(3)));
        LocalDate existingStart = LocalDate.parse(m.group(5));
        // The other write has committed: read its spell (and network) in a transaction of our own.
        Spell existing = QuarkusTransaction.requiringNew().call(() -> Membership.<Membership>find(
                "practiceCode = ?1 and startDate = ?2", practice, existingStart).firstResultOptional()
                .map(Membership::spell).orElse(new Spell("another network", existingStart, lastDay(m.group(6)))));
        return Optional.of(MembershipRules.overlapping(practice, existing, "the spell from " + candidate.start()
                + (candidate.end() == null ? " (current)" : " to " + candidate.end()), "from"));
    }

    /** PostgreSQL's own message, also when the driver reports it inside a batch's exception. */
    private static ServerErrorMessage serverMessage(SQLException violation) {
        java.util.Set<Throwable> seen = new java.util.HashSet<>();
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>(java.util.List.of(violation));
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage();
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
        }
        return null;
    }

    /** The last day of a canonical range's exclusive upper bound; null when unbounded. */
    private static LocalDate lastDay(String exclusiveEnd) {
        return exclusiveEnd.isEmpty() ? null : LocalDate.parse(exclusiveEnd).minusDays(1);
    }
}
