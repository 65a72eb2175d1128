package uk.nhs.pcn.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Test-range NHS numbers pass the Modulus 11 check a service applies and can never be a real person's. */
class TestNhsNumbersTest {

    @Test
    void numbersComeFromTheTestRangeAndPassTheModulus11Check() {
        List<String> numbers = TestNhsNumbers.sequence().limit(1000).toList();

        assertThat(numbers).hasSize(1000).doesNotHaveDuplicates()
                .allMatch(n -> n.startsWith("999") && n.length() == 10)
                .allMatch(TestNhsNumbers::passesModulus11);
        // 999000000 would need check digit 10, so it has no valid number; 999000001 gives 8.
        assertThat(numbers.get(0)).isEqualTo("9990000018");
    }

    @Test
    void theCheckMatchesPublishedExamples() {
        // NHS England's example number, valid; the same with its last digit changed, invalid.
        assertThat(TestNhsNumbers.passesModulus11("9434765919")).isTrue();
        assertThat(TestNhsNumbers.passesModulus11("9434765918")).isFalse();
        assertThat(TestNhsNumbers.withCheckDigit(999_000_000L)).isNull();
    }

    @Test
    void aRandomNumberIsFromTheTestRangeAndPassesTheCheck() {
        for (int i = 0; i < 200; i++) {
            assertThat(TestNhsNumbers.random()).startsWith("999").hasSize(10).matches(TestNhsNumbers::passesModulus11);
        }
    }
}
