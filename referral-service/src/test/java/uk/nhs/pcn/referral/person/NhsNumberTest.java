package uk.nhs.pcn.referral.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import uk.nhs.pcn.platform.problem.ProblemException;

class NhsNumberTest {

    @ParameterizedTest
    @ValueSource(strings = { "9434765919", "943 476 5919", "943-476-5919", "  9434765919 " })
    void readsANumberAsPeopleAndSystemsWriteIt(String written) {
        NhsNumber number = NhsNumber.parse(written);
        assertThat(number.value()).isEqualTo("9434765919");
        assertThat(number.formatted()).isEqualTo("943 476 5919");
        assertThat(number).isEqualTo(NhsNumber.parse("9434765919")).hasSameHashCodeAs(NhsNumber.parse("9434765919"));
    }

    @Test
    void acceptsOtherKnownValidNumbersIncludingACheckDigitOfZero() {
        assertThat(NhsNumber.parse("9990000107").value()).isEqualTo("9990000107");
        // 9990000050 (test range): 11 - (sum mod 11) is 11, which means a check digit of 0
        assertThat(NhsNumber.parse("9990000050").formatted()).isEqualTo("999 000 0050");
        assertThat(NhsNumber.parse("9990000018").value()).isEqualTo("9990000018");
    }

    @Test
    void neverShowsTheNumberWhenPrinted() {
        NhsNumber number = NhsNumber.parse("9434765919");
        assertThat(number.toString()).isEqualTo("NhsNumber[***]");
        assertThat("person " + number).doesNotContain("943").doesNotContain("5919");
    }

    @ParameterizedTest
    @ValueSource(strings = { "943476591", "94347659190", "943 4765919", "943-476 5919", "94347659a9", "943  476 5919",
            "+449434765919", "９４３４７６５９１９" })
    void refusesAnythingThatIsNotTenDigitsInTheUsualGrouping(String written) {
        assertThatThrownBy(() -> NhsNumber.parse(written)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            var error = e.toProblem("/referrals").errors().get(0);
            assertThat(error.field()).isEqualTo("nhsNumber");
            assertThat(error.rule()).isEqualTo("nhs-number-format");
            assertThat(error.message()).contains("10 digits").doesNotContain(written.strip());
        });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "   " })
    void saysANumberIsRequiredWhenThereIsNone(String written) {
        assertThatThrownBy(() -> NhsNumber.parse(written)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.toProblem("/").errors().get(0).rule()).isEqualTo("nhs-number-format"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "9434765918", "943 476 5910", "9000000008", "1234567890", "1234567891" })
    void refusesAWrongCheckDigitWithoutRepeatingTheNumber(String written) {
        assertThatThrownBy(() -> NhsNumber.parse(written)).isInstanceOfSatisfying(ProblemException.class, e -> {
            var error = e.toProblem("/referrals").errors().get(0);
            assertThat(error.field()).isEqualTo("nhsNumber");
            assertThat(error.rule()).isEqualTo("nhs-number-check-digit");
            assertThat(error.message()).contains("check digit").doesNotContain(written)
                    .doesNotContain(written.replace(" ", ""));
            assertThat(e.getMessage()).doesNotContain(written.replace(" ", ""));
        });
    }

    @Test
    void aPrefixWhoseCheckDigitWouldBeTenHasNoValidNumber() {
        // 123456789: 11 - (sum mod 11) = 10, so no tenth digit makes it valid
        assertThat(IntStream.rangeClosed(0, 9).mapToObj(d -> "123456789" + d)).noneMatch(NhsNumber::isValid);
    }

    @Test
    void isValidChecksBareDigitsForScanners() {
        assertThat(NhsNumber.isValid("9434765919")).isTrue();
        assertThat(NhsNumber.isValid("9434765918")).isFalse();
        assertThat(NhsNumber.isValid("943 476 5919")).isFalse();
        assertThat(NhsNumber.isValid("943476591")).isFalse();
        assertThat(NhsNumber.isValid(null)).isFalse();
    }

    @Test
    void knowsTheTestDataRange() {
        assertThat(NhsNumber.parse("9990000018").isTestRange()).isTrue();
        assertThat(NhsNumber.parse("9999999999").isTestRange()).isTrue();
        assertThat(NhsNumber.parse("9434765919").isTestRange()).isFalse();
    }
}
