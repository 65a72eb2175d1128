package uk.nhs.pcn.workforce.staff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An appointment as plain values: its dates and its terms (working hours and pay) from each date. Used by the
 * claim calculation and the cap checks, which need no storage.
 */
public record StaffTimeline(UUID id, String staffReference, String roleCode, LocalDate start, LocalDate end,
        List<Terms> terms) {

    /** Whole-time equivalent and full-time annual pay from {@code from} until the next terms. */
    public record Terms(LocalDate from, BigDecimal wte, BigDecimal fullTimeAnnualSalary,
            BigDecimal fullTimeAnnualOnCosts) {

        public BigDecimal fullTimeAnnualCost() {
            return fullTimeAnnualSalary.add(fullTimeAnnualOnCosts);
        }
    }

    public boolean inPostOn(LocalDate date) {
        return !date.isBefore(start) && (end == null || !date.isAfter(end));
    }

    public Optional<Terms> termsOn(LocalDate date) {
        if (!inPostOn(date)) {
            return Optional.empty();
        }
        return terms.stream().filter(t -> !t.from().isAfter(date)).max(Comparator.comparing(Terms::from));
    }
}
