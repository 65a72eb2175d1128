package uk.nhs.pcn.platform.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

import uk.nhs.pcn.platform.ods.OdsCodes;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.time.FinancialYear;
import uk.nhs.pcn.platform.time.PlausibleYears;

/** Parses query parameters with messages that name the parameter and the expected form. */
public final class QueryParams {

    /** Dates are taken in UK local time: "today" for an English GP practice. */
    public static final ZoneId UK = ZoneId.of("Europe/London");

    private static final String NETWORK_CODE = "a PCN ODS code: U followed by 5 digits";
    private static final String PRACTICE_CODE = "a GP practice ODS code: a letter and 5 digits";
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");
    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private QueryParams() {
    }

    public static LocalDate today() {
        return LocalDate.now(Clock.system(UK));
    }

    /** @return the parsed date (YYYY-MM-DD), or today in UK time when the parameter is absent */
    public static LocalDate dateOrToday(String name, String value) {
        return value == null || value.isBlank() ? today() : date(name, value);
    }

    /** A required date (YYYY-MM-DD), e.g. in the path {@code /list-sizes/{asAt}}; a 400 naming it otherwise. */
    public static LocalDate date(String name, String value) {
        String text = value == null ? "" : value.strip();
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // a day the calendar lacks, e.g. 2024-02-30
        }
        throw ProblemException.invalid(name, "date", "'" + name + "' must be a date as YYYY-MM-DD, not "
                + quote(value));
    }

    /**
     * A month in the path or query, e.g. {@code /payments/2024-06}, in one of the {@link PlausibleYears}; a 400
     * naming the parameter when absent, malformed or outside them.
     */
    public static YearMonth month(String name, String value) {
        String text = value == null ? "" : value.strip();
        try {
            if (MONTH.matcher(text).matches()) {
                YearMonth month = YearMonth.parse(text);
                if (PlausibleYears.contains(month.getYear())) {
                    return month;
                }
            }
        } catch (DateTimeParseException e) {
            // e.g. 2024-13
        }
        throw ProblemException.invalid(name, "year-month", "'" + name + "' must be a month as YYYY-MM from "
                + PlausibleYears.FIRST + "-01 to " + PlausibleYears.LAST + "-12, not " + quote(value));
    }

    /** A required financial year such as {@code 2024/25}; a 400 naming the parameter when absent or malformed. */
    public static FinancialYear financialYear(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(name, "required", "'" + name + "' is required, e.g. " + name + "=2024/25");
        }
        return FinancialYear.parse(name, value);
    }

    /** A whole number written in ASCII digits (not {@code ١٢}, not {@code +1}); null when absent. */
    public static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (INTEGER.matcher(text).matches()) {
                return Integer.valueOf(text);
            }
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "range", "'" + name + "' must be a whole number from "
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", not " + quote(value));
        }
        throw ProblemException.invalid(name, "integer", "'" + name + "' must be a whole number, not " + quote(value));
    }

    /** A UUID in the path, e.g. {@code /staff/{id}}, in its usual 8-4-4-4-12 hexadecimal form; required. */
    public static UUID uuid(String name, String value) {
        String text = value == null ? "" : value.strip();
        if (!UUID_FORM.matcher(text).matches()) {
            throw ProblemException.invalid(name, "uuid", "'" + name + "' must be a UUID such as "
                    + "3f2b1c4e-8a5d-4e1f-9c2b-7d6e5f4a3b2c, not " + quote(value));
        }
        return UUID.fromString(text);
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

    /** A PCN ODS code in the path, e.g. {@code /networks/{code}}; a 400 naming {@code code} when blank or wrong. */
    public static String networkCode(String value) {
        return required("code", code("code", value, OdsCodes.NETWORK, NETWORK_CODE), NETWORK_CODE);
    }

    /** A practice ODS code in the path, e.g. {@code /practices/{code}}; a 400 naming {@code code} if blank or wrong. */
    public static String practiceCode(String value) {
        return required("code", code("code", value, OdsCodes.PRACTICE, PRACTICE_CODE), PRACTICE_CODE);
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
            throw ProblemException.invalid(name, "pattern", "'" + name + "' must be " + description + ", not "
                    + quote(value));
        }
        return code;
    }

    private static String required(String name, String code, String description) {
        if (code == null) {
            throw ProblemException.invalid(name, "required", "'" + name + "' is required: " + description);
        }
        return code;
    }

    /** The value as sent, quoted and cut short: a message never repeats a long value in full. */
    private static String quote(String value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }
}
