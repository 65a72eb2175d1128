package uk.nhs.pcn.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import uk.nhs.pcn.platform.problem.Problem;
import uk.nhs.pcn.platform.problem.ProblemException;

class QueryParamsTest {

    private static Problem.FieldError refusal(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.toProblem("/x").errors().get(0);
        }
        throw new AssertionError("not refused");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { " ", "%20", "U1234", "X12345", "U123456" })
    void aNetworkCodeInThePathIsRequiredAndWellFormed(String code) {
        Problem.FieldError error = refusal(() -> QueryParams.networkCode(code));
        assertThat(error.field()).isEqualTo("code");
        assertThat(error.message()).contains("U followed by 5 digits");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { " ", "A8300", "12345A" })
    void aPracticeCodeInThePathIsRequiredAndWellFormed(String code) {
        Problem.FieldError error = refusal(() -> QueryParams.practiceCode(code));
        assertThat(error.field()).isEqualTo("code");
        assertThat(error.message()).contains("a letter and 5 digits");
    }

    @Test
    void wellFormedCodesAreTakenInUpperCase() {
        assertThat(QueryParams.networkCode(" u45102 ")).isEqualTo("U45102");
        assertThat(QueryParams.practiceCode("a83005")).isEqualTo("A83005");
        assertThat(QueryParams.commissioner(null)).isNull(); // an optional filter stays optional
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "-2024-01", "0000-01", "1999-12", "2101-01", "+2024-01", "2024-13", "2024-1",
            "202A-01", "١٢٣٤-01", "99999-01" })
    void aMonthIsYyyyMmInThePlausibleYears(String month) {
        Problem.FieldError error = refusal(() -> QueryParams.month("month", month));
        assertThat(error.field()).isEqualTo("month");
        assertThat(error.rule()).isEqualTo("year-month");
        assertThat(error.message()).contains("YYYY-MM").contains("2000-01").contains("2100-12");
    }

    @Test
    void aMonthInThePlausibleYearsIsTaken() {
        assertThat(QueryParams.month("month", "2000-01")).isEqualTo(YearMonth.of(2000, 1));
        assertThat(QueryParams.month("month", " 2100-12 ")).isEqualTo(YearMonth.of(2100, 12));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-0001/00", "0000/01", "1999/00", "2101/02", "2024/26", "2024-25", "١٢٣٤/٣٥" })
    void aFinancialYearIsYyyyYyInThePlausibleYears(String year) {
        Problem.FieldError error = refusal(() -> QueryParams.financialYear("financialYear", year));
        assertThat(error.field()).isEqualTo("financialYear");
        assertThat(error.rule()).isEqualTo("financial-year");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024-02-30", "+12024-01-01", "-999999999-01-01", "2024-1-1", "20240101" })
    void aDateParameterIsAYyyyMmDdDayTheCalendarHas(String date) {
        Problem.FieldError error = refusal(() -> QueryParams.dateOrToday("asAt", date));
        assertThat(error.field()).isEqualTo("asAt");
        assertThat(error.message()).contains("YYYY-MM-DD");
        assertThat(QueryParams.dateOrToday("asAt", "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = { "١٢", "+1", "1.5", "1e2", "twelve", "99999999999" })
    void aWholeNumberParameterIsAsciiDigitsInRange(String value) {
        Problem.FieldError error = refusal(() -> QueryParams.integer("size", value));
        assertThat(error.field()).isEqualTo("size");
        assertThat(QueryParams.integer("size", "-12")).isEqualTo(-12);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { " ", "1-1-1-1-1", "not-a-uuid", "3f2b1c4e-8a5d-4e1f-9c2b-7d6e5f4a3b2", "%00" })
    void anIdInThePathIsAUuid(String id) {
        Problem.FieldError error = refusal(() -> QueryParams.uuid("connectionId", id));
        assertThat(error.field()).isEqualTo("connectionId");
        assertThat(error.rule()).isEqualTo("uuid");
        UUID id2 = UUID.randomUUID();
        assertThat(QueryParams.uuid("id", id2.toString())).isEqualTo(id2);
    }
}
