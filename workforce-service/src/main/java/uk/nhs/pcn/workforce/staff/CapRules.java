package uk.nhs.pcn.workforce.staff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.TreeSet;
import java.util.function.Function;

import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.workforce.rules.ArrsRuleSet;
import uk.nhs.pcn.platform.time.FinancialYear;

/**
 * Checks a network's caps on a role hold on every day. Head counts and WTE only change on the days appointments
 * start or change terms, a cap starts, or a financial year starts (the population used for large-network limits),
 * so those are the days checked.
 */
public final class CapRules {

    private CapRules() {
    }

    /**
     * @param candidate the appointment as it would be after the change
     * @param others the network's other appointments to the same role
     * @param registeredPopulation the network's registered population as at 1 January before a financial year
     * @throws ProblemException 409 naming the cap and the first day it would be exceeded
     */
    public static void check(ArrsRuleSet rules, String networkCode, StaffTimeline candidate,
            Collection<StaffTimeline> others, Function<FinancialYear, Long> registeredPopulation) {
        for (ArrsRuleSet.Cap cap : rules.capsFor(candidate.roleCode())) {
            TreeSet<LocalDate> days = new TreeSet<>();
            days.add(candidate.start());
            candidate.terms().forEach(t -> days.add(t.from()));
            days.add(cap.from());
            for (StaffTimeline other : others) {
                days.add(other.start());
                other.terms().forEach(t -> days.add(t.from()));
            }
            LocalDate last = days.last().isAfter(candidate.start()) ? days.last() : candidate.start();
            for (FinancialYear fy = FinancialYear.of(candidate.start()); !fy.start().isAfter(last.plusYears(1));
                    fy = new FinancialYear(fy.startYear() + 1)) {
                days.add(fy.start());
            }
            for (LocalDate day : days) {
                if (!candidate.inPostOn(day) || !cap.appliesOn(day)) {
                    continue;
                }
                long population = registeredPopulation.apply(FinancialYear.of(day));
                BigDecimal limit = cap.limitFor(population);
                BigDecimal used = measure(cap, candidate, day);
                for (StaffTimeline other : others) {
                    used = used.add(measure(cap, other, day));
                }
                if (used.compareTo(limit) > 0) {
                    String unit = cap.unit() == ArrsRuleSet.CapUnit.WTE ? " WTE" : "";
                    throw ProblemException.conflict("cap-exceeded", "Network cap exceeded",
                            "Network " + networkCode + " may have at most " + limit.stripTrailingZeros().toPlainString()
                                    + unit + " " + rules.role(cap.role()).map(ArrsRuleSet.Role::name).orElse(cap.role())
                                    + (cap.largeNetworkLimit() != null ? " (registered population "
                                            + String.format("%,d", population) + ")" : "")
                                    + "; on " + day + " this change would make it "
                                    + used.stripTrailingZeros().toPlainString() + unit
                                    + (cap.note() != null ? ". " + cap.note() : ""),
                            "roleCode");
                }
            }
        }
    }

    private static BigDecimal measure(ArrsRuleSet.Cap cap, StaffTimeline timeline, LocalDate day) {
        return timeline.termsOn(day)
                .map(t -> cap.unit() == ArrsRuleSet.CapUnit.WTE ? t.wte() : BigDecimal.ONE)
                .orElse(BigDecimal.ZERO);
    }
}
