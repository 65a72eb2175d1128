package uk.nhs.pcn.portal.network;

import java.time.LocalDate;
import java.time.Month;

/** NHS financial years run 1 April to 31 March; the services name them 2025/26. */
public final class FinancialYears {

    private FinancialYears() {
    }

    public static int startYear(LocalDate date) {
        return date.getMonthValue() >= Month.APRIL.getValue() ? date.getYear() : date.getYear() - 1;
    }

    public static String of(LocalDate date) {
        int start = startYear(date);
        return start + "/" + String.format("%02d", (start + 1) % 100);
    }

    public static LocalDate end(LocalDate date) {
        return LocalDate.of(startYear(date) + 1, Month.MARCH, 31);
    }
}
