package uk.nhs.pcn.registry.membership;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.registry.events.RegistryEvents;
import uk.nhs.pcn.registry.network.Network;
import uk.nhs.pcn.registry.network.NetworkService;
import uk.nhs.pcn.registry.practice.Practice;
import uk.nhs.pcn.registry.practice.PracticeService;

/**
 * Joins, leaves and moves. Each locks the practice row first, so concurrent edits of one practice's membership are
 * applied one after the other and the overlap check sees the other's result.
 */
@ApplicationScoped
public class MembershipService {

    @Inject
    RegistryEvents events;

    @Inject
    MembershipQueries queries;

    /** The practice joins the network from {@code from}, optionally until {@code to} (its last day). */
    @Transactional
    public Membership join(String practiceCode, String networkCode, LocalDate from, LocalDate to) {
        Practice practice = PracticeService.lock(practiceCode);
        return join(practice, networkCode, from, to, RegistryEvents.newCorrelationId());
    }

    /** The practice's current spell ends on {@code lastDay}. */
    @Transactional
    public Membership leave(String practiceCode, LocalDate lastDay) {
        PracticeService.lock(practiceCode);
        Membership spell = spellToEnd(practiceCode, lastDay);
        end(spell, lastDay, RegistryEvents.newCorrelationId());
        return spell;
    }

    /**
     * The practice leaves its current network on the day before {@code from} and joins {@code toNetworkCode} from
     * {@code from}, in one transaction; the leave and join events share a correlation id.
     */
    @Transactional
    public Membership move(String practiceCode, String toNetworkCode, LocalDate from) {
        Practice practice = PracticeService.lock(practiceCode);
        LocalDate lastDay = from.minusDays(1);
        Membership current = spellToEnd(practiceCode, lastDay);
        if (current.networkCode.equals(toNetworkCode)) {
            throw ProblemException.conflict("same-network", "Already a member",
                    "Practice " + practiceCode + " is already a member of " + toNetworkCode, "networkCode");
        }
        String correlationId = RegistryEvents.newCorrelationId();
        end(current, lastDay, correlationId);
        return join(practice, toNetworkCode, from, null, correlationId);
    }

    private Membership join(Practice practice, String networkCode, LocalDate from, LocalDate to,
            String correlationId) {
        Network network = NetworkService.require(networkCode);
        Spell candidate = new Spell(networkCode, from, to);
        List<Spell> existing = queries.history(practice.code).stream().map(Membership::spell).toList();
        MembershipRules.check(practice.code, candidate, existing, network.openDate, network.closeDate);
        Membership m = new Membership();
        m.practiceCode = practice.code;
        m.networkCode = networkCode;
        m.startDate = from;
        m.endDate = to;
        m.persist();
        events.publish(RegistryEvents.practiceJoined(practice, networkCode, from, correlationId));
        if (to != null) {
            events.publish(RegistryEvents.practiceLeft(practice.code, networkCode, to, correlationId));
        }
        return m;
    }

    /** The spell that is running on {@code lastDay} or starts before it and is still open. */
    private Membership spellToEnd(String practiceCode, LocalDate lastDay) {
        return queries.history(practiceCode).stream()
                .filter(m -> !m.startDate.isAfter(lastDay) && (m.endDate == null || m.endDate.isAfter(lastDay)))
                .max(Comparator.comparing(m -> m.startDate))
                .orElseThrow(() -> ProblemException.conflict("no-current-membership", "No membership to end",
                        "Practice " + practiceCode + " has no membership running on " + lastDay
                                + " (or it ended before then)", "to"));
    }

    void end(Membership spell, LocalDate lastDay, String correlationId) {
        if (lastDay.isBefore(spell.startDate)) {
            throw ProblemException.conflict("before-start", "Leaves before joining",
                    "The membership of " + spell.networkCode + " starts on " + spell.startDate
                            + "; it cannot end on " + lastDay, "to");
        }
        spell.endOn(lastDay);
        events.publish(RegistryEvents.practiceLeft(spell.practiceCode, spell.networkCode, lastDay, correlationId));
    }
}
