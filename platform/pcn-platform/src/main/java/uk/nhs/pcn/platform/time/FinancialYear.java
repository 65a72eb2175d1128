package uk.nhs.pcn.platform.time;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.nhs.pcn.platform.problem.ProblemException;

/** An NHS financial year, 1 April to 31 March, written {@code 2024/25}. */
public record FinancialYear(int startYear) implements Comparable<FinancialYear> {

    private static final Pattern FORMAT = Pattern.compile("^([0-9]{4})/([0-9]{2})$");

    public static FinancialYear of(LocalDate date) {
        return new FinancialYear(date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1);
    }

    public static FinancialYear of(YearMonth month) {
        return of(month.atDay(1));
    }

    /** Parses {@code 2024/25}, or throws IllegalArgumentException. */
    public static FinancialYear parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.strip());
        if (m == null || !m.matches() || (Integer.parseInt(m.group(1)) + 1) % 100 != Integer.parseInt(m.group(2))) {
            throw new IllegalArgumentException("not a financial year such as 2024/25: '" + text + "'");
        }
        return new FinancialYear(Integer.parseInt(m.group(1)));
    }

    /**
     * Parses a financial year a client sent, e.g. {@code 2024/25}, starting in one of the {@link PlausibleYears};
     * a 400 naming the parameter otherwise.
     */
    public static FinancialYear parse(String field, String text) {
        try {
            FinancialYear year = parse(text);
            if (!PlausibleYears.contains(year.startYear())) {
                throw new IllegalArgumentException("outside the plausible years");
            }
            return year;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "financial-year",
                    "'" + field + "' must be a financial year such as 2024/25, from " + PlausibleYears.FIRST + "/"
                            + String.format("%02d", (PlausibleYears.FIRST + 1) % 100) + " to " + PlausibleYears.LAST
                            + "/" + String.format("%02d", (PlausibleYears.LAST + 1) % 100) + ", not '" + text + "'");
        }
    }

    public LocalDate start() {
        return LocalDate.of(startYear, 4, 1);
    }

    public LocalDate end() {
        return LocalDate.of(startYear + 1, 3, 31);
    }

    /** DES figures use the population as at 1 January before the year. */
    public LocalDate populationDate() {
        return LocalDate.of(startYear, 1, 1);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start()) && !date.isAfter(end());
    }

    /** April to March. */
    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>(12);
        for (YearMonth m = YearMonth.from(start()); !m.isAfter(YearMonth.from(end())); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    public FinancialYear next() {
        return new FinancialYear(startYear + 1);
    }

    @Override
    public int compareTo(FinancialYear other) {
        return Integer.compare(startYear, other.startYear);
    }

    @Override
    public String toString() {
        return startYear + "/" + String.format("%02d", (startYear + 1) % 100);
    }
}
