package uk.nhs.pcn.funding.entitlement;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/** A month's entitlement lines and their total; the total is incomplete when any line is unavailable. */
public record MonthEntitlement(YearMonth month, List<EntitlementLine> lines) {

    public MonthEntitlement {
        lines = List.copyOf(lines);
    }

    /** The sum of the lines that could be calculated. */
    public BigDecimal total() {
        return lines.stream().filter(EntitlementLine::available).map(EntitlementLine::amount)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    public boolean incomplete() {
        return lines.stream().anyMatch(l -> !l.available());
    }

    public long unavailableLines() {
        return lines.stream().filter(l -> !l.available()).count();
    }
}
