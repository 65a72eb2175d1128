package uk.nhs.pcn.funding.schedule;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import uk.nhs.pcn.funding.entitlement.EntitlementLine;
import uk.nhs.pcn.funding.entitlement.Money;
import uk.nhs.pcn.funding.entitlement.MonthEntitlement;
import uk.nhs.pcn.funding.entitlement.YearEntitlement;

/**
 * Compares a year's recalculated entitlement with what its confirmed months paid, line by line, and plans the
 * adjustment lines that make up the difference in the first month not yet confirmed. A pure function.
 * <p>
 * What a confirmed line paid is its confirmed amount (nothing, if it was unavailable) plus the adjustments already
 * raised for it. A difference is an adjustment of that amount. When the line can no longer be calculated (a rate
 * revised to an unknown figure) but something was paid for it, the adjustment is listed as unavailable with the
 * reason: it is planned again at every recalculation until it can be calculated. Planning again after the
 * adjustments were raised finds nothing new: the calculation is idempotent.
 */
public final class AdjustmentPlanner {

    private AdjustmentPlanner() {
    }

    /**
     * @param confirmed the lines of each confirmed month of the year, as confirmed
     * @param raised the available adjustments already raised for months of this year (unavailable ones are left out:
     *        they are planned afresh)
     * @param paidIn the first month not yet confirmed, where new adjustments go
     * @param causes what caused this recalculation (event ids)
     */
    public static List<Adjustment> plan(YearEntitlement recalculated, Map<YearMonth, List<EntitlementLine>> confirmed,
            List<Adjustment> raised, YearMonth paidIn, List<String> causes) {
        Map<YearMonth, MonthEntitlement> now = recalculated.months().stream()
                .collect(Collectors.toMap(MonthEntitlement::month, Function.identity()));
        List<Adjustment> planned = new ArrayList<>();
        for (Map.Entry<YearMonth, List<EntitlementLine>> month : new TreeMap<>(confirmed).entrySet()) {
            MonthEntitlement due = now.get(month.getKey());
            if (due == null) {
                continue;
            }
            Map<String, EntitlementLine> paidLines = byKey(month.getValue());
            Map<String, EntitlementLine> dueLines = byKey(due.lines());
            List<Adjustment> raisedForMonth = raised.stream()
                    .filter(a -> a.correctsMonth().equals(month.getKey()) && a.available()).toList();
            Map<String, BigDecimal> adjusted = raisedForMonth.stream()
                    .collect(Collectors.toMap(Adjustment::lineKey, Adjustment::amount, BigDecimal::add));
            List<String> keys = new ArrayList<>(paidLines.keySet());
            dueLines.keySet().stream().filter(k -> !paidLines.containsKey(k)).forEach(keys::add);
            adjusted.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
            for (String key : keys) {
                EntitlementLine paidLine = paidLines.get(key);
                EntitlementLine dueLine = dueLines.get(key);
                BigDecimal paid = (paidLine != null && paidLine.available() ? paidLine.amount() : BigDecimal.ZERO)
                        .add(adjusted.getOrDefault(key, BigDecimal.ZERO));
                EntitlementLine about = dueLine != null ? dueLine : paidLine;
                if (about == null) {
                    // Only adjustments ever paid for this line (it arose after confirmation and is gone again).
                    if (paid.signum() != 0) {
                        Adjustment earlier = raisedForMonth.stream().filter(a -> a.lineKey().equals(key)).findFirst()
                                .orElseThrow();
                        planned.add(new Adjustment(UUID.randomUUID(), recalculated.networkCode(), paidIn,
                                month.getKey(), key, earlier.component(), earlier.componentName(), earlier.basis(),
                                earlier.practiceCode(), paid, BigDecimal.ZERO.setScale(2), paid.negate(),
                                "Corrects " + month.getKey() + " " + earlier.componentName() + " ("
                                        + earlier.basis().description() + (earlier.practiceCode() == null ? ""
                                                : ", " + earlier.practiceCode()) + "): " + Money.pounds(paid)
                                        + " paid in adjustments, nothing is due for it now",
                                earlier.ruleSetYear(), null, causes));
                    }
                    continue;
                }
                if (dueLine != null && !dueLine.available()) {
                    if (paid.signum() != 0) {
                        planned.add(adjustment(recalculated, month.getKey(), paidIn, about, paid, null, null,
                                describe(month.getKey(), about) + ": " + Money.pounds(paid)
                                        + " paid; the corrected amount cannot be calculated: "
                                        + dueLine.unavailableReason(), causes));
                    }
                    continue;
                }
                BigDecimal corrected = dueLine == null ? BigDecimal.ZERO.setScale(2) : dueLine.amount();
                if (corrected.compareTo(paid) != 0) {
                    String why = dueLine == null ? "nothing is due for it now (no member practice is counted for it)"
                            : Money.pounds(corrected) + " is due now: " + dueLine.explanation();
                    planned.add(adjustment(recalculated, month.getKey(), paidIn, about, paid, corrected,
                            corrected.subtract(paid), describe(month.getKey(), about) + ": " + Money.pounds(paid)
                                    + " paid, " + why, causes));
                }
            }
        }
        return planned;
    }

    private static Adjustment adjustment(YearEntitlement year, YearMonth corrects, YearMonth paidIn,
            EntitlementLine line, BigDecimal paid, BigDecimal corrected, BigDecimal amount, String reason,
            List<String> causes) {
        return new Adjustment(UUID.randomUUID(), year.networkCode(), paidIn, corrects, line.key(), line.component(),
                line.componentName(), line.basis(), line.practiceCode(), paid, corrected, amount, reason,
                line.ruleSetYear(), line.revision(), causes);
    }

    private static String describe(YearMonth month, EntitlementLine line) {
        return "Corrects " + month + " " + line.componentName() + " (" + line.basisDescription()
                + (line.label() == null ? "" : ", " + line.label())
                + (line.practiceCode() == null ? "" : ", " + line.practiceCode()) + ")";
    }

    private static Map<String, EntitlementLine> byKey(List<EntitlementLine> lines) {
        Map<String, EntitlementLine> byKey = new LinkedHashMap<>();
        lines.forEach(l -> byKey.put(l.key(), l));
        return byKey;
    }
}
