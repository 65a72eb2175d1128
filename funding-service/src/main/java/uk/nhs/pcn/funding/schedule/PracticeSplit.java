package uk.nhs.pcn.funding.schedule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import uk.nhs.pcn.funding.entitlement.EntitlementLine;
import uk.nhs.pcn.funding.entitlement.LinePart;
import uk.nhs.pcn.funding.entitlement.MonthEntitlement;
import uk.nhs.pcn.funding.rules.Basis;
import uk.nhs.pcn.funding.rules.Payee;

/**
 * A month's network amounts divided among the member practices, to the penny: each line in proportion to its basis
 * (each practice's population × its days of membership), a line without practice parts (care-home premium, a fixed
 * sum) by registered list × days. Each share is rounded down to the penny and the pennies left over go to the
 * largest share (ties: the larger weight, then the lower practice code), so the shares add up to the line exactly.
 * A payment to practices is already each practice's.
 */
public record PracticeSplit(YearMonth month, List<PracticeShare> practices, List<ShareLine> unsplit) {

    /** One practice's part of the month, line by line. */
    public record PracticeShare(String practiceCode, List<ShareLine> lines, BigDecimal total) {
    }

    /** @param splitBy how the line was divided: its basis, "registered list × days", or "paid to the practice" */
    public record ShareLine(String lineKey, String component, String componentName, Basis basis, String splitBy,
            BigDecimal amount) {
    }

    /**
     * @param fallbackWeights each member's registered list × days in the month, for lines without practice parts
     */
    public static PracticeSplit split(MonthEntitlement month, Map<String, BigDecimal> fallbackWeights) {
        Map<String, List<ShareLine>> byPractice = new TreeMap<>();
        List<ShareLine> unsplit = new ArrayList<>();
        for (EntitlementLine line : month.lines()) {
            if (!line.available()) {
                continue;
            }
            if (line.payee() == Payee.PRACTICE) {
                byPractice.computeIfAbsent(line.practiceCode(), p -> new ArrayList<>()).add(new ShareLine(line.key(),
                        line.component(), line.componentName(), line.basis(), "paid to the practice", line.amount()));
                continue;
            }
            Map<String, BigDecimal> weights = new LinkedHashMap<>();
            String splitBy;
            if (line.basis().isPopulation()) {
                for (LinePart part : line.parts()) {
                    weights.merge(part.practiceCode(), part.quantity().multiply(BigDecimal.valueOf(part.days())),
                            BigDecimal::add);
                }
                splitBy = line.basisDescription() + " × days";
            } else {
                weights.putAll(fallbackWeights);
                splitBy = "registered list × days";
            }
            Map<String, BigDecimal> shares = divide(line.amount(), weights);
            if (shares.isEmpty()) {
                unsplit.add(new ShareLine(line.key(), line.component(), line.componentName(), line.basis(),
                        "not split: no member practice to divide it by", line.amount()));
            }
            shares.forEach((practice, amount) -> byPractice.computeIfAbsent(practice, p -> new ArrayList<>())
                    .add(new ShareLine(line.key(), line.component(), line.componentName(), line.basis(), splitBy,
                            amount)));
        }
        List<PracticeShare> practices = byPractice.entrySet().stream().map(e -> new PracticeShare(e.getKey(),
                e.getValue(), e.getValue().stream().map(ShareLine::amount).reduce(BigDecimal.ZERO.setScale(2),
                        BigDecimal::add))).toList();
        return new PracticeSplit(month.month(), practices, unsplit);
    }

    /**
     * Divides an amount in proportion to the weights, pence-exact: each share rounded towards zero, the pennies left
     * over to the largest share (ties: the larger weight, then the lower key). Empty when the weights add up to nothing.
     */
    public static Map<String, BigDecimal> divide(BigDecimal amount, Map<String, BigDecimal> weights) {
        BigDecimal total = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.signum() == 0) {
            return Map.of();
        }
        long pence = amount.movePointRight(2).longValueExact();
        Map<String, Long> shares = new TreeMap<>();
        long allotted = 0;
        for (Map.Entry<String, BigDecimal> w : weights.entrySet()) {
            long share = BigDecimal.valueOf(pence).multiply(w.getValue()).divide(total, 0, RoundingMode.DOWN)
                    .longValueExact();
            shares.put(w.getKey(), share);
            allotted += share;
        }
        String largest = shares.keySet().stream().max(Comparator.<String, Long>comparing(k -> Math.abs(shares.get(k)))
                .thenComparing(weights::get).thenComparing(Comparator.<String>reverseOrder())).orElseThrow();
        shares.merge(largest, pence - allotted, Long::sum);
        Map<String, BigDecimal> result = new TreeMap<>();
        shares.forEach((k, v) -> result.put(k, BigDecimal.valueOf(v, 2)));
        return result;
    }
}
