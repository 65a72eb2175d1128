package uk.nhs.pcn.platform.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import uk.nhs.pcn.platform.ods.OdsCodes;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.time.FinancialYear;

/** Parses query parameters with messages that name the parameter and the expected form. */
public final class QueryParams {

    /** Dates are taken in UK local time: "today" for an English GP practice. */
    public static final ZoneId UK = ZoneId.of("Europe/London");

    private QueryParams() {
    }

    public static LocalDate today() {
        return LocalDate.now(Clock.system(UK));
    }

    /** @return the parsed date, or today in UK time when the parameter is absent */
    public static LocalDate dateOrToday(String name, String value) {
        if (value == null || value.isBlank()) {
            return today();
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "date", "'" + name + "' must be a date as YYYY-MM-DD, not '"
                    + value + "'");
        }
    }

    /** A month in the path or query, e.g. {@code /payments/2024-06}; a 400 naming the parameter when malformed. */
    public static YearMonth month(String name, String value) {
        try {
            return YearMonth.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "year-month", "'" + name + "' must be a month as YYYY-MM, not '"
                    + value + "'");
        }
    }

    /** A required financial year such as {@code 2024/25}; a 400 naming the parameter when absent or malformed. */
    public static FinancialYear financialYear(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(name, "required", "'" + name + "' is required, e.g. " + name + "=2024/25");
        }
        return FinancialYear.parse(name, value);
    }

    public static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "integer", "'" + name + "' must be a whole number, not '" + value
                    + "'");
        }
    }

    public static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid(name, "boolean", "'" + name + "' must be true or false");
        };
    }

    /** A PCN ODS code in the path, e.g. {@code /networks/{code}}. */
    public static String networkCode(String value) {
        return code("code", value, OdsCodes.NETWORK, "a PCN ODS code: U followed by 5 digits");
    }

    /** A GP practice ODS code in the path, e.g. {@code /practices/{code}}. */
    public static String practiceCode(String value) {
        return code("code", value, OdsCodes.PRACTICE, "a GP practice ODS code: a letter and 5 digits");
    }

    /** The optional {@code commissioner} filter of a listing; null when absent. */
    public static String commissioner(String value) {
        return code("commissioner", value, OdsCodes.COMMISSIONER, "a 3-character sub-ICB location code");
    }

    /** Returns the value when it matches the pattern; a 400 naming the parameter otherwise. Null stays null. */
    static String code(String name, String value, String pattern, String description) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip().toUpperCase(java.util.Locale.ROOT);
        if (!code.matches(pattern)) {
            throw ProblemException.invalid(name, "pattern", "'" + name + "' must be " + description + ", not '"
                    + value + "'");
        }
        return code;
    }
}
