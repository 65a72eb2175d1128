package uk.nhs.pcn.testsupport;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * NHS numbers for made-up people: only from the range NHS England sets aside for testing (999 000 0000 to
 * 999 999 9999, never issued to anyone) and only those that pass the Modulus 11 check, so a service accepts them.
 * The check: weights 10 down to 2 on the first nine digits; check digit = 11 - (sum mod 11), 11 becomes 0, and a
 * stem whose check digit would be 10 has no valid number. Shared by the tests, the demo data and the chaos suite.
 */
public final class TestNhsNumbers {

    public static final long FIRST_STEM = 999_000_000L;
    public static final long LAST_STEM = 999_999_999L;

    private TestNhsNumbers() {
    }

    /** Every valid test-range number, in order: 9990000018, 9990000026, ... */
    public static Stream<String> sequence() {
        return LongStream.rangeClosed(FIRST_STEM, LAST_STEM).mapToObj(TestNhsNumbers::withCheckDigit)
                .filter(Objects::nonNull);
    }

    /** The nine-digit stem with its check digit, or null when the check digit would be 10. */
    public static String withCheckDigit(long stem) {
        String digits = Long.toString(stem);
        if (digits.length() != 9) {
            throw new IllegalArgumentException("An NHS number's stem has nine digits: " + stem);
        }
        int check = checkDigit(digits);
        return check == 10 ? null : digits + check;
    }

    /** A valid test-range number chosen at random (for tests that need a person no other test has). */
    public static String random() {
        while (true) {
            String number = withCheckDigit(ThreadLocalRandom.current().nextLong(FIRST_STEM, LAST_STEM + 1));
            if (number != null) {
                return number;
            }
        }
    }

    /** Whether a ten-digit number passes the Modulus 11 check. */
    public static boolean passesModulus11(String number) {
        return number.matches("\\d{10}") && checkDigit(number.substring(0, 9)) == number.charAt(9) - '0';
    }

    private static int checkDigit(String stem) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (stem.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        return check == 11 ? 0 : check;
    }
}
