package uk.nhs.pcn.referral.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.nhs.pcn.platform.problem.ProblemException;

class AgeBandTest {

    @ParameterizedTest
    @CsvSource({
            "2000-06-15, 2000-06-15, 0-17",
            "2000-06-15, 2018-06-14, 0-17",
            "2000-06-15, 2018-06-15, 18-24",
            "2000-06-15, 2025-06-14, 18-24",
            "2000-06-15, 2025-06-15, 25-34",
            "1990-01-01, 2024-12-31, 25-34",
            "1990-01-01, 2025-01-01, 35-44",
            "1980-03-10, 2025-03-10, 45-54",
            "1970-03-10, 2025-03-09, 45-54",
            "1970-03-10, 2025-03-10, 55-64",
            "1960-12-31, 2025-12-31, 65-74",
            "1950-07-01, 2025-07-01, 75-84",
            "1940-07-01, 2025-06-30, 75-84",
            "1940-07-01, 2025-07-01, 85+",
            "1920-01-01, 2025-07-01, 85+" })
    void countsCompletedYearsSoTheBandChangesOnTheBirthday(LocalDate born, LocalDate on, String band) {
        assertThat(AgeBand.on(born, on).code()).isEqualTo(band);
    }

    @Test
    void someoneBornOn29FebruaryHasTheirBirthdayOn1MarchInOtherYears() {
        LocalDate born = LocalDate.of(2008, 2, 29);
        assertThat(AgeBand.on(born, LocalDate.of(2026, 2, 28))).isEqualTo(AgeBand.UNDER_18);
        assertThat(AgeBand.on(born, LocalDate.of(2026, 3, 1))).isEqualTo(AgeBand.FROM_18_TO_24);
        LocalDate leapling = LocalDate.of(2000, 2, 29);
        assertThat(AgeBand.on(leapling, LocalDate.of(2025, 2, 28)).code()).isEqualTo("18-24");
        assertThat(AgeBand.on(leapling, LocalDate.of(2025, 3, 1)).code()).isEqualTo("25-34");
        // no band starts at an age divisible by four, so a leapling never changes band in a leap year
        assertThat(AgeBand.on(LocalDate.of(1940, 2, 29), LocalDate.of(2025, 2, 28)).code()).isEqualTo("75-84");
        assertThat(AgeBand.on(LocalDate.of(1940, 2, 29), LocalDate.of(2025, 3, 1)).code()).isEqualTo("85+");
    }

    @Test
    void refusesADateOfBirthAfterTheDate() {
        assertThatThrownBy(() -> AgeBand.on(LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 1)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    var error = e.toProblem("/").errors().get(0);
                    assertThat(error.field()).isEqualTo("dateOfBirth");
                    assertThat(error.rule()).isEqualTo("date-of-birth-after-date");
                });
    }

    @Test
    void codesReadBackToTheirBands() {
        for (AgeBand band : AgeBand.values()) {
            assertThat(AgeBand.ofCode(band.code())).contains(band);
        }
        assertThat(AgeBand.ofCode("18-25")).isEmpty();
    }
}
