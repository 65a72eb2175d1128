package uk.nhs.pcn.referral.person;

import java.util.regex.Pattern;

import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * A person's NHS number: ten digits, the tenth a Modulus 11 check digit over the first nine (weights 10 down to 2;
 * {@code 11 - (sum mod 11)}, where 11 means 0 and 10 means the number cannot exist). Written for people in the 3-3-4
 * grouping, {@code 943 476 5919}.
 * <p>
 * It identifies a patient, so {@link #toString()} never shows it: a stray log line or exception message prints
 * {@code NhsNumber[***]}. Read it on purpose with {@link #value()} or {@link #formatted()}.
 */
public final class NhsNumber {

    /** Ten digits, or 3-3-4 separated by single spaces or single hyphens (the same separator throughout). */
    private static final Pattern FORMAT = Pattern.compile("\\d{10}|\\d{3} \\d{3} \\d{4}|\\d{3}-\\d{3}-\\d{4}");

    private static final long TEST_RANGE_FROM = 9_990_000_000L;
    private static final long TEST_RANGE_TO = 9_999_999_999L;

    private final String digits;

    private NhsNumber(String digits) {
        this.digits = digits;
    }

    /**
     * Reads an NHS number as a person or a system wrote it: {@code 9434765919}, {@code 943 476 5919} or
     * {@code 943-476-5919} (leading and trailing blanks ignored).
     *
     * @throws ProblemException 400 on field {@code nhsNumber}, rule {@code nhs-number-format} (not ten digits in
     *         those groupings) or {@code nhs-number-check-digit} (the check digit does not match); the message never
     *         repeats the number.
     */
    public static NhsNumber parse(String text) {
        return parse(text, "nhsNumber");
    }

    /** As {@link #parse(String)}, naming {@code field} (e.g. {@code person.nhsNumber}) in the problem. */
    public static NhsNumber parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(field, "nhs-number-format", "An NHS number is required");
        }
        String trimmed = text.strip();
        if (!FORMAT.matcher(trimmed).matches()) {
            throw ProblemException.invalid(field, "nhs-number-format",
                    "An NHS number is 10 digits, optionally written 3-3-4 with spaces or hyphens");
        }
        String digits = trimmed.replace(" ", "").replace("-", "");
        if (!hasValidCheckDigit(digits)) {
            throw ProblemException.invalid(field, "nhs-number-check-digit",
                    "The NHS number's check digit does not match: it is mistyped or not an NHS number");
        }
        return new NhsNumber(digits);
    }

    /**
     * Whether {@code digits} is exactly ten digits with a matching check digit (no spaces or hyphens): for scanners
     * that look for NHS numbers in text without throwing.
     */
    public static boolean isValid(String digits) {
        return digits != null && digits.length() == 10 && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                && hasValidCheckDigit(digits);
    }

    private static boolean hasValidCheckDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0';
    }

    /** The ten digits, unseparated: for storage and for FHIR identifiers. */
    public String value() {
        return digits;
    }

    /** The number as people read it: {@code 943 476 5919}. */
    public String formatted() {
        return digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
    }

    /** Whether the number is in the range set aside for test data, {@code 999 000 0000} to {@code 999 999 9999}. */
    public boolean isTestRange() {
        long n = Long.parseLong(digits);
        return n >= TEST_RANGE_FROM && n <= TEST_RANGE_TO;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NhsNumber that && digits.equals(that.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    /** Never the number: {@code NhsNumber[***]}, so logging an object that holds one cannot leak it. */
    @Override
    public String toString() {
        return "NhsNumber[***]";
    }
}
