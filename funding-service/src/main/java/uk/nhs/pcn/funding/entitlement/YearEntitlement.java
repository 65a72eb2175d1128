package uk.nhs.pcn.funding.entitlement;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A network's entitlement for a financial year as the rules and what the service knows make it now: twelve months of
 * lines, the budget components (the ARRS sum) and the components paid after the year.
 */
public record YearEntitlement(String networkCode, String financialYear, List<MonthEntitlement> months,
        List<BudgetLine> budget, List<AnnualComponent> annual, List<String> notes) {

    public static final String ARRS_SUM = "arrs-sum";

    public YearEntitlement {
        months = List.copyOf(months);
        budget = List.copyOf(budget);
        annual = List.copyOf(annual);
        notes = List.copyOf(notes);
    }

    public BigDecimal total() {
        return months.stream().map(MonthEntitlement::total).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    public boolean incomplete() {
        return months.stream().anyMatch(MonthEntitlement::incomplete);
    }

    public long unavailableLines() {
        return months.stream().mapToLong(MonthEntitlement::unavailableLines).sum();
    }

    /** The ARRS sum for the year, or empty when any part of it cannot be calculated (or the year has none). */
    public Optional<BigDecimal> arrsSum() {
        List<BudgetLine> arrs = budget.stream().filter(b -> ARRS_SUM.equals(b.component())).toList();
        if (arrs.isEmpty() || arrs.stream().anyMatch(b -> !b.available())) {
            return Optional.empty();
        }
        return Optional.of(arrs.stream().map(BudgetLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
