package uk.nhs.pcn.workforce.claims;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import uk.nhs.pcn.platform.problem.Problem.FieldError;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.workforce.rules.ArrsRuleSet;
import uk.nhs.pcn.platform.time.FinancialYear;
import uk.nhs.pcn.workforce.staff.StaffTimeline;

/**
 * A network's monthly ARRS claim: one line per appointment per stretch of the month with constant hours, pay and
 * role maximum. Exact to the penny (BigDecimal, each line rounded half-up once). A stretch that needs a maximum the
 * rule set marks unknown (or has no figure for) becomes an unavailable line naming the missing figure: the known
 * lines are still calculated, the total covers them only and the claim is marked incomplete.
 */
public final class ClaimCalculator {

    private static final BigDecimal MONTHS = BigDecimal.valueOf(12);

    private ClaimCalculator() {
    }

    /** {@code total} is the sum of {@code lines}; when {@code unavailableLines} is not empty it is not the month's. */
    public record Claim(YearMonth month, FinancialYear financialYear, List<ClaimLine> lines, BigDecimal total,
            List<UnavailableLine> unavailableLines) {

        public boolean complete() {
            return unavailableLines.isEmpty();
        }
    }

    public static Claim calculate(ArrsRuleSet rules, YearMonth month, List<StaffTimeline> appointments) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        int daysInMonth = month.lengthOfMonth();
        List<ClaimLine> lines = new ArrayList<>();
        List<UnavailableLine> unavailable = new ArrayList<>();
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
                    unavailable.add(unavailableLine(a, role, rate, terms, segmentFrom, segmentTo, daysInMonth));
                } else {
                    lines.add(line(a, role, rate, terms, segmentFrom, segmentTo, daysInMonth));
                }
            }
        }
        BigDecimal total = lines.stream().map(ClaimLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.UNNECESSARY);
        return new Claim(month, FinancialYear.of(first), lines, total, unavailable);
    }

    private static UnavailableLine unavailableLine(StaffTimeline a, ArrsRuleSet.Role role, ArrsRuleSet.Rate rate,
            StaffTimeline.Terms terms, LocalDate from, LocalDate to, int daysInMonth) {
        int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
        String ruleSetYear = FinancialYear.of(rate == null ? from : rate.from()).toString();
        String explanation = "Needs the " + role.name() + " maximum reimbursable amount per WTE"
                + (rate == null ? ", for which the ARRS rule set has no figure on " + from
                        : ", which the ARRS rule set marks unknown from " + rate.from())
                + ": not calculated until the rule set is corrected";
        return new UnavailableLine(a.id(), a.staffReference(), role.code(), role.name(), from, to, days, daysInMonth,
                terms.wte(), UnavailableLine.MAX_PER_WTE,
                rate == null ? UnavailableLine.NOT_IN_RULE_SET : UnavailableLine.MARKED_UNKNOWN,
                rate == null ? null : rate.from(), ruleSetYear, explanation);
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
