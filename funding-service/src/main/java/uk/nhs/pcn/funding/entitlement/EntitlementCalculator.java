package uk.nhs.pcn.funding.entitlement;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import uk.nhs.pcn.funding.rules.Basis;
import uk.nhs.pcn.funding.rules.DesRuleSet;
import uk.nhs.pcn.funding.rules.DesRuleSet.Component;
import uk.nhs.pcn.funding.rules.DesRuleSet.RatePeriod;
import uk.nhs.pcn.funding.rules.DesRuleSet.Term;
import uk.nhs.pcn.funding.rules.Payee;
import uk.nhs.pcn.funding.rules.Payment;
import uk.nhs.pcn.funding.rules.Per;
import uk.nhs.pcn.platform.time.FinancialYear;

/**
 * The Network Contract DES entitlement of one network for one financial year, from the year's rules and what is known
 * about the network. A pure function: no storage, no clock.
 * <p>
 * A month's amount for a population-based component is the rate × the population (as at 1 January before the year)
 * of each practice that is a member on each day, ÷ 12 for a yearly rate, × its days of membership in the month ÷ the
 * days in the month; summed over the practices and rounded to the penny once per line. The care-home premium counts
 * the beds aligned to the network on each day the same way. A payment to practices (the participation payment) is a
 * line per member practice. A line whose rate is unknown or whose population is missing is unavailable, with the
 * reason: never guessed, and the month's total says it is incomplete.
 */
public final class EntitlementCalculator {

    /** Sums of fractions before the one rounding: far more digits than a penny needs. */
    private static final MathContext EXACT = MathContext.DECIMAL128;

    private EntitlementCalculator() {
    }

    public static YearEntitlement calculate(DesRuleSet.YearRules rules, NetworkFacts facts) {
        return calculate(rules, facts, true);
    }

    /** The same amounts without the explanations in words: for totals over many networks. */
    public static YearEntitlement amounts(DesRuleSet.YearRules rules, NetworkFacts facts) {
        return calculate(rules, facts, false);
    }

    private static YearEntitlement calculate(DesRuleSet.YearRules rules, NetworkFacts facts, boolean explain) {
        FinancialYear year = rules.year();
        List<MonthEntitlement> months = new ArrayList<>();
        for (YearMonth month : year.months()) {
            List<EntitlementLine> lines = new ArrayList<>();
            for (Component component : rules.components()) {
                if (component.payment() != Payment.MONTHLY) {
                    continue;
                }
                for (Term term : component.terms()) {
                    for (Segment segment : segments(rules, component, term, month, explain)) {
                        lines.addAll(monthLines(rules, segment, facts));
                    }
                }
            }
            months.add(new MonthEntitlement(month, lines));
        }
        List<BudgetLine> budget = new ArrayList<>();
        List<AnnualComponent> annual = new ArrayList<>();
        for (Component component : rules.components()) {
            for (Term term : component.terms()) {
                if (component.payment() == Payment.BUDGET) {
                    for (RatePeriod period : rules.ratePeriods(component, term)) {
                        budget.add(budgetLine(rules, component, term, period, facts));
                    }
                } else if (component.payment() == Payment.ANNUAL) {
                    annual.add(new AnnualComponent(component.code(), component.name(), term.basis(), term.rate(),
                            term.source(), component.note() != null ? component.note() : term.note()));
                }
            }
        }
        return new YearEntitlement(facts.networkCode(), rules.financialYear(), months, budget, annual, rules.notes());
    }

    /** One rate of one term over part (usually all) of one month. */
    record Segment(Component component, Term term, RatePeriod rate, long divisor, YearMonth month, LocalDate from,
            LocalDate to, boolean explain) {

        int daysInMonth() {
            return month.lengthOfMonth();
        }

        /** What a line's sum of rate × quantity × days is divided by: months a rate is for × days in the month. */
        BigDecimal denominator() {
            return BigDecimal.valueOf(divisor * daysInMonth());
        }

        String key(String practiceCode) {
            StringBuilder key = new StringBuilder(component.code()).append('|').append(term.basis().code());
            if (term.label() != null) {
                key.append('|').append(term.label());
            }
            if (practiceCode != null) {
                key.append('|').append(practiceCode);
            }
            if (!from.equals(month.atDay(1))) {
                key.append("|from ").append(from);
            }
            return key.toString();
        }
    }

    private static List<Segment> segments(DesRuleSet.YearRules rules, Component component, Term term,
            YearMonth month, boolean explain) {
        long divisor = switch (term.per()) {
            case YEAR -> 12;
            case MONTH -> 1;
            case PERIOD -> rules.window(component, term).months();
        };
        List<Segment> segments = new ArrayList<>();
        for (RatePeriod period : rules.ratePeriods(component, term)) {
            LocalDate from = later(period.from(), month.atDay(1));
            LocalDate to = earlier(period.to(), month.atEndOfMonth());
            if (!to.isBefore(from)) {
                segments.add(new Segment(component, term, period, divisor, month, from, to, explain));
            }
        }
        return segments;
    }

    private static List<EntitlementLine> monthLines(DesRuleSet.YearRules rules, Segment s, NetworkFacts facts) {
        Basis basis = s.term().basis();
        if (basis == Basis.CARE_HOME_BEDS) {
            return optional(bedsLine(rules, s, facts));
        }
        if (basis == Basis.FIXED) {
            return optional(fixedLine(rules, s, facts));
        }
        List<MemberDays> members = memberDays(facts, s.from(), s.to());
        if (members.isEmpty()) {
            return List.of();
        }
        if (s.component().payee() == Payee.PRACTICE) {
            return members.stream().map(m -> populationLine(rules, s, facts, List.of(m), m.practiceCode())).toList();
        }
        return List.of(populationLine(rules, s, facts, members, null));
    }

    private static EntitlementLine populationLine(DesRuleSet.YearRules rules, Segment s, NetworkFacts facts,
            List<MemberDays> members, String practiceCode) {
        Basis basis = s.term().basis();
        LocalDate populationDate = rules.populationDate();
        List<LinePart> parts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        BigDecimal weighted = BigDecimal.ZERO;
        for (MemberDays m : members) {
            NetworkFacts.Populations populations = facts.populations().get(m.practiceCode());
            Optional<BigDecimal> quantity = populations == null ? Optional.empty() : populations.of(basis);
            if (basis.isPopulation() && quantity.isEmpty()) {
                missing.add(m.practiceCode());
            }
            parts.add(new LinePart(m.practiceCode(), quantity.orElse(null),
                    quantity.isPresent() ? populations.asAt() : null, m.from(), m.to(), m.days()));
            if (quantity.isPresent()) {
                weighted = weighted.add(quantity.get().multiply(BigDecimal.valueOf(m.days())));
            }
        }
        String reason = null;
        if (basis == Basis.UNKNOWN) {
            reason = s.rate().amount().isEmpty()
                    ? "the " + rules.financialYear() + " rate and the population it multiplies are not confirmed"
                    : "the population this " + rules.financialYear() + " rate multiplies is not confirmed";
        } else if (!basis.isPopulation()) {
            reason = basis.description() + " are not known to this service";
        } else if (s.rate().amount().isEmpty()) {
            reason = "the " + rules.financialYear() + " rate is not confirmed";
        } else if (!missing.isEmpty()) {
            reason = "no " + basis.description() + " as at " + populationDate + " (or in the year before) for "
                    + String.join(", ", missing);
        }
        String note = s.rate().note() != null ? s.rate().note() : s.component().note();
        if (reason != null && note != null) {
            reason += " (" + note + ")";
        }
        BigDecimal quantity = missing.isEmpty() && basis.isPopulation()
                ? weighted.divide(BigDecimal.valueOf(s.daysInMonth()), 2, RoundingMode.HALF_UP) : null;
        BigDecimal amount = reason == null
                ? s.rate().amount().get().multiply(weighted).divide(s.denominator(), 2, RoundingMode.HALF_UP) : null;
        String explanation = !s.explain() ? null : rateText(s) + " × " + basis.description() + " as at "
                + populationDate + " (" + parts.stream().map(p -> p.practiceCode() + ": "
                        + (p.quantity() == null ? "no figure" : Money.quantity(p.quantity())) + " × " + p.days() + "/"
                        + s.daysInMonth() + " days").collect(Collectors.joining("; "))
                + ")" + divisorText(s) + result(amount, reason);
        int days = practiceCode != null ? members.get(0).days() : openDays(facts, s.from(), s.to());
        return line(rules, s, practiceCode, quantity, days, parts, amount, reason, explanation);
    }

    private static EntitlementLine bedsLine(DesRuleSet.YearRules rules, Segment s, NetworkFacts facts) {
        LocalDate from = later(s.from(), facts.openDate());
        LocalDate to = facts.closeDate() == null ? s.to() : earlier(s.to(), facts.closeDate());
        if (to.isBefore(from)) {
            return null;
        }
        List<LinePart> parts = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        BigDecimal weighted = BigDecimal.ZERO;
        LocalDate cursor = from;
        List<NetworkFacts.CareHomeBeds> beds = facts.careHomeBeds();
        for (int i = 0; i < beds.size() && !cursor.isAfter(to); i++) {
            LocalDate recordFrom = beds.get(i).from();
            LocalDate recordTo = i + 1 < beds.size() ? beds.get(i + 1).from().minusDays(1) : LocalDate.MAX;
            if (recordTo.isBefore(cursor)) {
                continue;
            }
            if (recordFrom.isAfter(cursor)) {
                LocalDate gapTo = earlier(recordFrom.minusDays(1), to);
                uncovered.add(range(cursor, gapTo));
                cursor = gapTo.plusDays(1);
                if (cursor.isAfter(to)) {
                    break;
                }
            }
            LocalDate partTo = earlier(recordTo, to);
            int days = days(cursor, partTo);
            parts.add(new LinePart(null, BigDecimal.valueOf(beds.get(i).beds()), recordFrom, cursor, partTo, days));
            weighted = weighted.add(BigDecimal.valueOf((long) beds.get(i).beds() * days));
            cursor = partTo.plusDays(1);
        }
        if (!cursor.isAfter(to)) {
            uncovered.add(range(cursor, to));
        }
        String reason = null;
        if (s.rate().amount().isEmpty()) {
            reason = "the " + rules.financialYear() + " rate is not confirmed";
        } else if (!uncovered.isEmpty()) {
            reason = "no care-home beds recorded for the network for " + String.join(", ", uncovered)
                    + " (a commissioner records them)";
        }
        BigDecimal quantity = uncovered.isEmpty()
                ? weighted.divide(BigDecimal.valueOf(s.daysInMonth()), 2, RoundingMode.HALF_UP) : null;
        BigDecimal amount = reason == null
                ? s.rate().amount().get().multiply(weighted).divide(s.denominator(), 2, RoundingMode.HALF_UP) : null;
        String explanation = !s.explain() ? null : rateText(s) + " × care-home beds aligned ("
                + (parts.isEmpty() ? "none recorded" : parts.stream()
                        .map(p -> Money.quantity(p.quantity()) + " beds × " + p.days() + "/" + s.daysInMonth() + " days")
                        .collect(Collectors.joining("; ")))
                + ")" + divisorText(s) + result(amount, reason);
        return line(rules, s, null, quantity, days(from, to), parts, amount, reason, explanation);
    }

    private static EntitlementLine fixedLine(DesRuleSet.YearRules rules, Segment s, NetworkFacts facts) {
        int days = openDays(facts, s.from(), s.to());
        if (days == 0) {
            return null;
        }
        LocalDate from = later(s.from(), facts.openDate());
        List<LinePart> parts = List.of(new LinePart(null, BigDecimal.ONE, null, from, from.plusDays(days - 1), days));
        String reason = s.rate().amount().isEmpty() ? "the " + rules.financialYear() + " sum is not confirmed" : null;
        BigDecimal weighted = BigDecimal.valueOf(days);
        BigDecimal amount = reason == null
                ? s.rate().amount().get().multiply(weighted).divide(s.denominator(), 2, RoundingMode.HALF_UP) : null;
        String explanation = !s.explain() ? null : rateText(s) + " for the network × " + days + "/"
                + s.daysInMonth() + " days open" + divisorText(s) + result(amount, reason);
        return line(rules, s, null, weighted.divide(BigDecimal.valueOf(s.daysInMonth()), 2, RoundingMode.HALF_UP),
                days, parts, amount, reason, explanation);
    }

    private static EntitlementLine line(DesRuleSet.YearRules rules, Segment s, String practiceCode,
            BigDecimal quantity, int days, List<LinePart> parts, BigDecimal amount, String reason, String explanation) {
        DesRuleSet.Revision revision = s.rate().revision();
        return new EntitlementLine(s.key(practiceCode), s.month(), s.component().code(), s.component().name(),
                s.term().basis(), s.term().basis().description(), s.term().label(), s.component().payee(),
                practiceCode, quantity, s.rate().rate(), s.term().per(), rules.financialYear(),
                revision == null ? null : revision.id(), revision == null ? null : revision.published(),
                s.rate().source(), s.from(), s.to(), days, s.daysInMonth(), parts, amount, reason, explanation);
    }

    private static BudgetLine budgetLine(DesRuleSet.YearRules rules, Component component, Term term,
            RatePeriod period, NetworkFacts facts) {
        Basis basis = term.basis();
        long divisor = switch (term.per()) {
            case YEAR -> 12;
            case MONTH -> 1;
            case PERIOD -> rules.window(component, term).months();
        };
        // Per practice: its population and the months of membership it is counted for (each month's days ÷ its days).
        Map<String, BigDecimal> monthsCounted = new TreeMap<>();
        for (YearMonth month = YearMonth.from(period.from()); !month.isAfter(YearMonth.from(period.to()));
                month = month.plusMonths(1)) {
            LocalDate from = later(period.from(), month.atDay(1));
            LocalDate to = earlier(period.to(), month.atEndOfMonth());
            for (MemberDays m : memberDays(facts, from, to)) {
                BigDecimal share = BigDecimal.valueOf(m.days()).divide(BigDecimal.valueOf(month.lengthOfMonth()), EXACT);
                monthsCounted.merge(m.practiceCode(), share, BigDecimal::add);
            }
        }
        List<String> missing = new ArrayList<>();
        BigDecimal quantity = BigDecimal.ZERO;
        List<String> partsText = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> e : monthsCounted.entrySet()) {
            NetworkFacts.Populations populations = facts.populations().get(e.getKey());
            Optional<BigDecimal> population = populations == null ? Optional.empty() : populations.of(basis);
            if (population.isEmpty()) {
                missing.add(e.getKey());
                partsText.add(e.getKey() + ": no figure");
            } else {
                quantity = quantity.add(population.get().multiply(e.getValue(), EXACT), EXACT);
                partsText.add(e.getKey() + ": " + Money.quantity(population.get()) + " × "
                        + e.getValue().setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                        + " months");
            }
        }
        String reason = null;
        if (!basis.isPopulation()) {
            reason = "the population this " + rules.financialYear() + " rate multiplies is not confirmed";
        } else if (period.amount().isEmpty()) {
            reason = "the " + rules.financialYear() + " rate is not confirmed";
        } else if (!missing.isEmpty()) {
            reason = "no " + basis.description() + " as at " + rules.populationDate() + " (or in the year before) for "
                    + String.join(", ", missing);
        }
        if (reason != null && (period.note() != null || component.note() != null)) {
            reason += " (" + (period.note() != null ? period.note() : component.note()) + ")";
        }
        BigDecimal amount = reason == null
                ? period.amount().get().multiply(quantity, EXACT).divide(BigDecimal.valueOf(divisor), EXACT)
                        .setScale(2, RoundingMode.HALF_UP)
                : null;
        String perText = switch (term.per()) {
            case YEAR -> " a year";
            case MONTH -> " a month";
            case PERIOD -> " for " + range(rules.window(component, term).from(), rules.window(component, term).to());
        };
        String explanation = (period.amount().isPresent() ? Money.rate(period.rate()) : "rate not confirmed") + perText
                + " × " + basis.description() + " as at " + rules.populationDate() + " (" + String.join("; ", partsText)
                + ") ÷ " + divisor + " months" + result(amount, reason);
        DesRuleSet.Revision revision = period.revision();
        return new BudgetLine(component.code(), component.name(), basis, term.label(), period.rate(), term.per(),
                rules.financialYear(), revision == null ? null : revision.id(), period.source(), period.from(),
                period.to(), missing.isEmpty() ? quantity.divide(BigDecimal.valueOf(divisor), EXACT)
                        .setScale(2, RoundingMode.HALF_UP) : null,
                amount, reason, explanation);
    }

    /**
     * Each member's registered list × its days of membership in the month: how an amount without practice parts
     * (care-home premium, a fixed sum) is divided among the members. A member without a registered figure is left out.
     */
    public static Map<String, BigDecimal> registeredDays(NetworkFacts facts, YearMonth month) {
        Map<String, BigDecimal> weights = new TreeMap<>();
        for (MemberDays m : memberDays(facts, month.atDay(1), month.atEndOfMonth())) {
            NetworkFacts.Populations populations = facts.populations().get(m.practiceCode());
            if (populations != null) {
                weights.put(m.practiceCode(), BigDecimal.valueOf(populations.registered() * m.days()));
            }
        }
        return weights;
    }

    /** A practice's days of membership between two days (inclusive), while the network was open. */
    record MemberDays(String practiceCode, LocalDate from, LocalDate to, int days) {
    }

    static List<MemberDays> memberDays(NetworkFacts facts, LocalDate from, LocalDate to) {
        LocalDate openFrom = later(from, facts.openDate());
        LocalDate openTo = facts.closeDate() == null ? to : earlier(to, facts.closeDate());
        Map<String, MemberDays> byPractice = new TreeMap<>();
        for (NetworkFacts.Membership spell : facts.memberships()) {
            LocalDate a = later(openFrom, spell.start());
            LocalDate b = spell.end() == null ? openTo : earlier(openTo, spell.end());
            if (b.isBefore(a)) {
                continue;
            }
            MemberDays d = new MemberDays(spell.practiceCode(), a, b, days(a, b));
            byPractice.merge(spell.practiceCode(), d, (x, y) -> new MemberDays(x.practiceCode(),
                    earlier(x.from(), y.from()), later(x.to(), y.to()), x.days() + y.days()));
        }
        return List.copyOf(byPractice.values());
    }

    private static int openDays(NetworkFacts facts, LocalDate from, LocalDate to) {
        LocalDate a = later(from, facts.openDate());
        LocalDate b = facts.closeDate() == null ? to : earlier(to, facts.closeDate());
        return b.isBefore(a) ? 0 : days(a, b);
    }

    private static String rateText(Segment s) {
        String rate = s.rate().amount().isPresent() ? Money.rate(s.rate().rate()) : "rate not confirmed";
        return rate + switch (s.term().per()) {
            case YEAR -> " a year";
            case MONTH -> " a month";
            case PERIOD -> " for the period of " + s.divisor() + " months";
        };
    }

    private static String divisorText(Segment s) {
        return s.divisor() == 1 ? "" : " ÷ " + s.divisor();
    }

    private static String result(BigDecimal amount, String reason) {
        return amount != null ? " = " + Money.pounds(amount) : ": unavailable, " + reason;
    }

    private static List<EntitlementLine> optional(EntitlementLine line) {
        return line == null ? List.of() : List.of(line);
    }

    private static int days(LocalDate from, LocalDate to) {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    private static String range(LocalDate from, LocalDate to) {
        return from.equals(to) ? from.toString() : from + " to " + to;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return b != null && b.isBefore(a) ? b : a;
    }
}
