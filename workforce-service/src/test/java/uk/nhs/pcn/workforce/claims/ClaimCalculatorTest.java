package uk.nhs.pcn.workforce.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.workforce.rules.ArrsRuleSet;
import uk.nhs.pcn.workforce.rules.ArrsRulesTest;
import uk.nhs.pcn.workforce.staff.StaffTimeline;
import uk.nhs.pcn.workforce.staff.StaffTimeline.Terms;

class ClaimCalculatorTest {

    static final ArrsRuleSet RULES = ArrsRulesTest.shipped();

    static StaffTimeline appointment(String role, String start, String end, Terms... terms) {
        return new StaffTimeline(UUID.randomUUID(), "EMP-" + role.length(), role, LocalDate.parse(start),
                end == null ? null : LocalDate.parse(end), List.of(terms));
    }

    static Terms terms(String from, String wte, String salary, String onCosts) {
        return new Terms(LocalDate.parse(from), new BigDecimal(wte), new BigDecimal(salary), new BigDecimal(onCosts));
    }

    @Test
    void aMidMonthStartIsPaidForTheDaysInPost() {
        // 16 to 30 June 2024: 15 of 30 days. £55,000 is under the £62,340 maximum.
        var claim = ClaimCalculator.calculate(RULES, YearMonth.of(2024, 6), List.of(appointment(
                "clinical-pharmacist", "2024-06-16", null, terms("2024-06-16", "1.0", "45000", "10000"))));
        assertThat(claim.lines()).singleElement().satisfies(line -> {
            assertThat(line.daysInPost()).isEqualTo(15);
            assertThat(line.daysInMonth()).isEqualTo(30);
            assertThat(line.amount()).isEqualByComparingTo("2291.67"); // 55,000 / 12 × 15/30 = 2,291.666…
            assertThat(line.rateSetYear()).isEqualTo("2023/24");
            assertThat(line.roleMaximumFrom()).isEqualTo(LocalDate.of(2023, 7, 1));
            assertThat(line.basis()).contains("£55,000.00 full-time cost").contains("£62,340.00 maximum")
                    .contains("15/30 days");
        });
        assertThat(claim.total()).isEqualByComparingTo("2291.67");
        assertThat(claim.complete()).isTrue();
        assertThat(claim.financialYear()).hasToString("2024/25");
    }

    @Test
    void aMidMonthChangeOfHoursSplitsTheMonthIntoTwoLines() {
        // May 2024, 31 days: 0.6 WTE for 1–10 May, 1.0 WTE from 11 May. £37,000 is under the £40,159 maximum.
        var claim = ClaimCalculator.calculate(RULES, YearMonth.of(2024, 5), List.of(appointment(
                "social-prescribing-link-worker", "2024-04-01", null, terms("2024-04-01", "0.6", "30000", "7000"),
                terms("2024-05-11", "1.0", "30000", "7000"))));
        assertThat(claim.lines()).extracting(ClaimLine::amount).map(BigDecimal::toPlainString)
                .containsExactly("596.77", "2088.71"); // 37,000×0.6×10/372 = 596.774…; 37,000×21/372 = 2,088.709…
        assertThat(claim.lines()).extracting(ClaimLine::daysInPost).containsExactly(10, 21);
        assertThat(claim.total()).isEqualByComparingTo("2685.48");
    }

    @Test
    void payAboveTheRoleMaximumIsCappedAtTheMaximum() {
        // August 2024: £85,000 full-time cost, capped at £62,340; half time for the whole month.
        var claim = ClaimCalculator.calculate(RULES, YearMonth.of(2024, 8), List.of(appointment(
                "clinical-pharmacist", "2024-01-01", null, terms("2024-01-01", "0.5", "70000", "15000"))));
        assertThat(claim.total()).isEqualByComparingTo("2597.50"); // 62,340 / 12 × 0.5
        // From October 2024 the 2024/25 maximum (£65,838) applies.
        var october = ClaimCalculator.calculate(RULES, YearMonth.of(2024, 10), List.of(appointment(
                "clinical-pharmacist", "2024-01-01", null, terms("2024-01-01", "0.5", "70000", "15000"))));
        assertThat(october.total()).isEqualByComparingTo("2743.25"); // 65,838 / 12 × 0.5
        assertThat(october.lines().get(0).rateSetYear()).isEqualTo("2024/25");
    }

    @Test
    void anAppointmentThatEndedBeforeTheMonthOrStartsAfterItHasNoLine() {
        var claim = ClaimCalculator.calculate(RULES, YearMonth.of(2024, 8), List.of(
                appointment("clinical-pharmacist", "2024-01-01", "2024-07-31", terms("2024-01-01", "1", "40000", "0")),
                appointment("clinical-pharmacist", "2024-09-01", null, terms("2024-09-01", "1", "40000", "0"))));
        assertThat(claim.lines()).isEmpty();
        assertThat(claim.total()).isEqualByComparingTo("0.00");
    }

    @Test
    void aMonthNeedingAnUnknownFigureShowsTheKnownLinesAndListsTheOthersAsUnavailable() {
        // November 2024: the pharmacist's maximum is known (£65,838), the link worker's is unknown from October.
        var claim = ClaimCalculator.calculate(RULES, YearMonth.of(2024, 11), List.of(
                appointment("social-prescribing-link-worker", "2024-04-01", null,
                        terms("2024-04-01", "0.8", "30000", "7000")),
                appointment("clinical-pharmacist", "2024-04-01", null, terms("2024-04-01", "1", "50000", "12000"))));
        assertThat(claim.complete()).isFalse();
        assertThat(claim.lines()).singleElement().satisfies(line -> {
            assertThat(line.roleCode()).isEqualTo("clinical-pharmacist");
            assertThat(line.amount()).isEqualByComparingTo("5166.67"); // 62,000 / 12
        });
        assertThat(claim.total()).as("the known lines only, nothing guessed").isEqualByComparingTo("5166.67");
        assertThat(claim.unavailableLines()).singleElement().satisfies(u -> {
            assertThat(u.roleCode()).isEqualTo("social-prescribing-link-worker");
            assertThat(u.from()).isEqualTo(LocalDate.of(2024, 11, 1));
            assertThat(u.to()).isEqualTo(LocalDate.of(2024, 11, 30));
            assertThat(u.daysInPost()).isEqualTo(30);
            assertThat(u.wte()).isEqualByComparingTo("0.8");
            assertThat(u.missingFigure()).isEqualTo("maxPerWte");
            assertThat(u.reason()).isEqualTo("marked-unknown");
            assertThat(u.unknownFrom()).isEqualTo(LocalDate.of(2024, 10, 1));
            assertThat(u.ruleSetYear()).isEqualTo("2024/25");
            assertThat(u.explanation()).contains("Social prescribing link worker maximum reimbursable amount")
                    .contains("unknown from 2024-10-01");
        });
    }

    @Test
    void aMaximumThatBecomesUnknownMidMonthSplitsTheMonthAndEveryDayIsAccountedFor() {
        // A rule set whose link-worker maximum is unknown from 16 November; hours halve on 20 November.
        ArrsRuleSet rules = new ArrsRuleSet("test", List.of(new ArrsRuleSet.Role("social-prescribing-link-worker",
                "Social prescribing link worker", LocalDate.of(2019, 4, 1), true, null, List.of(
                        new ArrsRuleSet.Rate(LocalDate.of(2023, 7, 1), "40159", null, null),
                        new ArrsRuleSet.Rate(LocalDate.of(2024, 11, 16), "unknown", null, null)))), List.of());
        var claim = ClaimCalculator.calculate(rules, YearMonth.of(2024, 11), List.of(appointment(
                "social-prescribing-link-worker", "2024-04-01", null, terms("2024-04-01", "1", "30000", "7000"),
                terms("2024-11-20", "0.5", "30000", "7000"))));
        assertThat(claim.lines()).extracting(l -> l.from() + ".." + l.to() + " " + l.amount())
                .containsExactly("2024-11-01..2024-11-15 1541.67"); // 37,000 / 12 × 15/30
        assertThat(claim.unavailableLines()).extracting(u -> u.from() + ".." + u.to() + " " + u.wte())
                .containsExactly("2024-11-16..2024-11-19 1", "2024-11-20..2024-11-30 0.5");
        int days = claim.lines().stream().mapToInt(ClaimLine::daysInPost).sum()
                + claim.unavailableLines().stream().mapToInt(UnavailableLine::daysInPost).sum();
        assertThat(days).as("no day of the month silently dropped").isEqualTo(30);
        assertThat(claim.total()).isEqualByComparingTo("1541.67");
    }

    @Test
    void aDateBeforeTheRuleSetsFirstFigureIsUnavailableAsNotInTheRuleSet() {
        // The shipped clinical-pharmacist maxima start on 1 July 2023.
        var claim = ClaimCalculator.calculate(RULES, YearMonth.of(2023, 5), List.of(appointment(
                "clinical-pharmacist", "2023-01-01", null, terms("2023-01-01", "1", "45000", "10000"))));
        assertThat(claim.lines()).isEmpty();
        assertThat(claim.total()).isEqualByComparingTo("0.00");
        assertThat(claim.complete()).isFalse();
        assertThat(claim.unavailableLines()).singleElement().satisfies(u -> {
            assertThat(u.reason()).isEqualTo("not-in-rule-set");
            assertThat(u.unknownFrom()).isNull();
            assertThat(u.ruleSetYear()).isEqualTo("2023/24");
            assertThat(u.explanation()).contains("no figure on 2023-05-01");
        });
    }
}
