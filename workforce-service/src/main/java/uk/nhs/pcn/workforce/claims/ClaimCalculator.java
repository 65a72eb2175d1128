package uk.nhs.pcn.workforce.claims;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import uk.nhs.pcn.platform.problem.Problem.FieldError;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.workforce.rules.ArrsRuleSet;
import uk.nhs.pcn.workforce.rules.FinancialYear;
import uk.nhs.pcn.workforce.staff.StaffTimeline;

/**
 * A network's monthly ARRS claim: one line per appointment per stretch of the month with constant hours, pay and
 * role maximum. Exact to the penny (BigDecimal, each line rounded half-up once). A line that needs a maximum the
 * rule set marks unknown refuses the whole claim, naming every missing figure.
 */
public final class ClaimCalculator {

    private static final BigDecimal MONTHS = BigDecimal.valueOf(12);

    private ClaimCalculator() {
    }

    public record Claim(YearMonth month, FinancialYear financialYear, List<ClaimLine> lines, BigDecimal total) {
    }

    public static Claim calculate(ArrsRuleSet rules, YearMonth month, List<StaffTimeline> appointments) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        int daysInMonth = month.lengthOfMonth();
        List<ClaimLine> lines = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        List<StaffTimeline> sorted = appointments.stream()
                .sorted(Comparator.comparing(StaffTimeline::roleCode).thenComparing(StaffTimeline::staffReference))
                .toList();
        for (StaffTimeline a : sorted) {
            LocalDate from = a.start().isAfter(first) ? a.start() : first;
            LocalDate to = a.end() != null && a.end().isBefore(last) ? a.end() : last;
            if (from.isAfter(to)) {
                continue;
            }
            ArrsRuleSet.Role role = rules.role(a.roleCode()).orElseThrow(() -> ProblemException.unprocessable(
                    "unknown-role", "Role not in the rule set", List.of(new FieldError("roleCode", "unknown-role",
                            "Role " + a.roleCode() + " of appointment " + a.staffReference()
                                    + " is not in the ARRS rule set"))));
            TreeSet<LocalDate> breaks = new TreeSet<>();
            breaks.add(from);
            a.terms().stream().map(StaffTimeline.Terms::from).filter(d -> d.isAfter(from) && !d.isAfter(to))
                    .forEach(breaks::add);
            role.maxPerWte().stream().map(ArrsRuleSet.Rate::from).filter(d -> d.isAfter(from) && !d.isAfter(to))
                    .forEach(breaks::add);
            List<LocalDate> starts = new ArrayList<>(breaks);
            for (int i = 0; i < starts.size(); i++) {
                LocalDate segmentFrom = starts.get(i);
                LocalDate segmentTo = i + 1 < starts.size() ? starts.get(i + 1).minusDays(1) : to;
                StaffTimeline.Terms terms = a.termsOn(segmentFrom).orElseThrow();
                ArrsRuleSet.Rate rate = role.rateOn(segmentFrom).orElse(null);
                if (rate == null || rate.nationalAmount().isEmpty()) {
                    missing.add("the maximum reimbursable amount for " + role.name() + " on " + segmentFrom
                            + (rate == null ? " (no figure in the rule set)"
                                    : " (marked unknown from " + rate.from() + ")"));
                    continue;
                }
                lines.add(line(a, role, rate, terms, segmentFrom, segmentTo, daysInMonth));
            }
        }
        if (!missing.isEmpty()) {
            List<FieldError> errors = missing.stream()
                    .map(m -> new FieldError("month", "unknown-figure", "The claim needs " + m
                            + ", which is not confirmed; correct the ARRS rule set to calculate it"))
                    .toList();
            throw ProblemException.unprocessable("unknown-figure", "A figure the claim needs is not confirmed",
                    errors);
        }
        BigDecimal total = lines.stream().map(ClaimLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.UNNECESSARY);
        return new Claim(month, FinancialYear.of(first), lines, total);
    }

    private static ClaimLine line(StaffTimeline a, ArrsRuleSet.Role role, ArrsRuleSet.Rate rate,
            StaffTimeline.Terms terms, LocalDate from, LocalDate to, int daysInMonth) {
        int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
        BigDecimal maximum = rate.nationalAmount().orElseThrow();
        BigDecimal cost = terms.fullTimeAnnualCost();
        BigDecimal basis = cost.min(maximum);
        BigDecimal amount = basis.multiply(terms.wte()).multiply(BigDecimal.valueOf(days))
                .divide(MONTHS.multiply(BigDecimal.valueOf(daysInMonth)), 2, RoundingMode.HALF_UP);
        String explanation = "min(" + money(cost) + " full-time cost, " + money(maximum) + " maximum) ÷ 12 × "
                + terms.wte().stripTrailingZeros().toPlainString() + " WTE × " + days + "/" + daysInMonth
                + " days = " + money(amount);
        return new ClaimLine(a.id(), a.staffReference(), role.code(), role.name(), from, to, days, daysInMonth,
                terms.wte(), cost, maximum, rate.from(), FinancialYear.of(rate.from()).toString(), explanation,
                amount);
    }

    private static String money(BigDecimal amount) {
        return "£" + new DecimalFormat("#,##0.00").format(amount);
    }
}
