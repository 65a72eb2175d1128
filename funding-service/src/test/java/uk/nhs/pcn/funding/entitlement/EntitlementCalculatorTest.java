package uk.nhs.pcn.funding.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.funding.entitlement.NetworkFacts.CareHomeBeds;
import uk.nhs.pcn.funding.entitlement.NetworkFacts.Membership;
import uk.nhs.pcn.funding.entitlement.NetworkFacts.Populations;
import uk.nhs.pcn.funding.rules.DesRuleSet;
import uk.nhs.pcn.funding.rules.DesRulesTest;
import uk.nhs.pcn.platform.time.FinancialYear;

/** Hand-worked cases: every expected figure is worked out in the comment beside it. */
class EntitlementCalculatorTest {

    static final DesRuleSet RULES = DesRulesTest.shipped();

    static DesRuleSet.YearRules year(int startYear) {
        return RULES.year(new FinancialYear(startYear)).orElseThrow();
    }

    /** No care-home beds aligned (recorded as none, which is not the same as not recorded). */
    static final List<CareHomeBeds> NO_BEDS = List.of(new CareHomeBeds(LocalDate.of(2019, 7, 1), 0));

    static Membership member(String practice, String start, String end) {
        return new Membership(practice, LocalDate.parse(start), end == null ? null : LocalDate.parse(end));
    }

    static Populations populations(String asAt, long registered, String weighted, String adjusted) {
        return new Populations(LocalDate.parse(asAt), registered, weighted == null ? null : new BigDecimal(weighted),
                adjusted == null ? null : new BigDecimal(adjusted));
    }

    static NetworkFacts network(String close, List<Membership> members, Map<String, Populations> populations,
            List<CareHomeBeds> beds) {
        return new NetworkFacts("U00001", LocalDate.of(2019, 7, 1), close == null ? null : LocalDate.parse(close),
                members, populations, beds);
    }

    static EntitlementLine line(YearEntitlement year, String month, String key) {
        return year.months().stream().filter(m -> m.month().equals(YearMonth.parse(month))).findFirst().orElseThrow()
                .lines().stream().filter(l -> l.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + key + " in " + month));
    }

    static MonthEntitlement month(YearEntitlement year, String month) {
        return year.months().stream().filter(m -> m.month().equals(YearMonth.parse(month))).findFirst().orElseThrow();
    }

    @Test
    void aLeapYearFebruaryHas29Days() {
        // Joins on 15 February 2024: 15 of February's 29 days. 2023/24 core PCN funding £1.50 a year × 12,000.
        YearEntitlement y = EntitlementCalculator.calculate(year(2023), network(null,
                List.of(member("A00001", "2024-02-15", null)),
                Map.of("A00001", populations("2023-01-01", 12_000, "12500", "12400")), NO_BEDS));
        EntitlementLine feb = line(y, "2024-02", "core-pcn-funding|registered");
        assertThat(feb.daysInMonth()).isEqualTo(29);
        assertThat(feb.parts()).singleElement().satisfies(p -> assertThat(p.days()).isEqualTo(15));
        assertThat(feb.amount()).isEqualByComparingTo("775.86"); // 1.50 × 12,000 × 15 ÷ (12 × 29) = 775.862…
        assertThat(feb.quantity()).isEqualByComparingTo("6206.90"); // 12,000 × 15/29
        assertThat(feb.explanation()).contains("£1.50 a year × registered list as at 2023-01-01")
                .contains("A00001: 12,000 × 15/29 days").endsWith("÷ 12 = £775.86");
        assertThat(line(y, "2024-03", "core-pcn-funding|registered").amount()).isEqualByComparingTo("1500.00");
        assertThat(month(y, "2024-01").lines()).extracting(EntitlementLine::component).containsOnly("care-home-premium");
        assertThat(month(y, "2024-01").total()).isZero();
    }

    @Test
    void aMembershipStartingOnThe31stCountsOneDay() {
        // 31 May 2024: 1 of 31 days. Enhanced access 2024/25 is £7.975 (the September 2024 revision, backdated).
        YearEntitlement y = EntitlementCalculator.calculate(year(2024), network(null,
                List.of(member("A00001", "2024-05-31", null)),
                Map.of("A00001", populations("2024-01-01", 9_800, "10500", "10000")), List.of()));
        EntitlementLine may = line(y, "2024-05", "enhanced-access|adjusted");
        assertThat(may.amount()).isEqualByComparingTo("214.38"); // 7.975 × 10,000 × 1 ÷ (12 × 31) = 214.381…
        assertThat(may.revision()).isEqualTo("2024-09-uplift");
        assertThat(may.revisionPublished()).isEqualTo(LocalDate.of(2024, 9, 26));
        assertThat(line(y, "2024-06", "enhanced-access|adjusted").amount())
                .isEqualByComparingTo("6645.83"); // 7.975 × 10,000 ÷ 12 = 6,645.833…
        // The participation payment is the practice's: £0.147 a month × 10,500 weighted × 1/31 = 49.790…
        EntitlementLine participation = line(y, "2024-05", "network-participation|weighted|A00001");
        assertThat(participation.practiceCode()).isEqualTo("A00001");
        assertThat(participation.payee().code()).isEqualTo("practice");
        assertThat(participation.amount()).isEqualByComparingTo("49.79");
    }

    @Test
    void aNetworkClosingMidMonthIsPaidForItsOpenDaysAndNothingAfter() {
        // Closes 15 November 2025: 15 of 30 days. Core PCN funding 2025/26: £2.266 × registered, £0.733 × adjusted.
        YearEntitlement y = EntitlementCalculator.calculate(year(2025), network("2025-11-15",
                List.of(member("A00001", "2019-07-01", null), member("B00002", "2019-07-01", null)),
                Map.of("A00001", populations("2025-01-01", 20_000, "21000", "21000"),
                        "B00002", populations("2025-01-01", 10_000, "9500", "9000")),
                List.of(new CareHomeBeds(LocalDate.of(2025, 4, 1), 30))));
        EntitlementLine nov = line(y, "2025-11", "core-pcn-funding|registered");
        assertThat(nov.days()).isEqualTo(15);
        assertThat(nov.amount()).isEqualByComparingTo("2832.50"); // 2.266 × 30,000 × 15 ÷ (12 × 30) = 2,832.50
        assertThat(line(y, "2025-11", "core-pcn-funding|adjusted").amount())
                .isEqualByComparingTo("916.25"); // 0.733 × 30,000 × 15 ÷ 360 = 916.25
        assertThat(line(y, "2025-11", "care-home-premium|care-home-beds").amount())
                .isEqualByComparingTo("162.82"); // 130.253 × 30 beds × 15 ÷ 360 = 162.816…
        for (String after : List.of("2025-12", "2026-01", "2026-02", "2026-03")) {
            assertThat(month(y, after).lines()).as(after).isEmpty();
            assertThat(month(y, after).total()).isZero();
        }
    }

    @Test
    void aPracticeMovingMidMonthIsSplitByDaysBetweenTheTwoNetworks() {
        Map<String, Populations> populations = Map.of("P00001", populations("2025-01-01", 9_000, "9100", "9200"));
        YearEntitlement leaving = EntitlementCalculator.calculate(year(2025), network(null,
                List.of(member("P00001", "2019-07-01", "2025-06-15")), populations, NO_BEDS));
        YearEntitlement joining = EntitlementCalculator.calculate(year(2025), network(null,
                List.of(member("P00001", "2025-06-16", null)), populations, NO_BEDS));
        EntitlementLine before = line(leaving, "2025-06", "core-pcn-funding|registered");
        EntitlementLine after = line(joining, "2025-06", "core-pcn-funding|registered");
        assertThat(before.parts()).singleElement().satisfies(p -> {
            assertThat(p.days()).isEqualTo(15);
            assertThat(p.to()).isEqualTo(LocalDate.of(2025, 6, 15));
        });
        assertThat(after.parts()).singleElement().satisfies(p -> assertThat(p.from()).isEqualTo(LocalDate.of(2025, 6, 16)));
        // 2.266 × 9,000 × 15 ÷ 360 = 849.75 each; together the whole month's 1,699.50.
        assertThat(before.amount()).isEqualByComparingTo("849.75");
        assertThat(after.amount()).isEqualByComparingTo("849.75");
        assertThat(month(leaving, "2025-07").total()).isZero();
        assertThat(month(joining, "2025-05").total()).isZero();
        assertThat(month(leaving, "2025-07").lines()).extracting(EntitlementLine::component)
                .containsOnly("care-home-premium");
    }

    @Test
    void aMissingPopulationMakesTheLineUnavailableAndTheMonthIncompleteNeverGuessed() {
        // B00002 has no weighted population: both participation lines exist, B's cannot be calculated.
        YearEntitlement y = EntitlementCalculator.calculate(year(2025), network(null,
                List.of(member("A00001", "2019-07-01", null), member("B00002", "2019-07-01", null)),
                Map.of("A00001", populations("2025-01-01", 20_000, "21000", "21000"),
                        "B00002", populations("2025-01-01", 10_000, null, "9000")),
                List.of(new CareHomeBeds(LocalDate.of(2020, 1, 1), 0))));
        EntitlementLine b = line(y, "2025-04", "network-participation|weighted|B00002");
        assertThat(b.amount()).isNull();
        assertThat(b.unavailableReason()).isEqualTo("no contractor weighted population as at 2025-01-01 (or in the "
                + "year before) for B00002");
        assertThat(line(y, "2025-04", "network-participation|weighted|A00001").amount())
                .isEqualByComparingTo("3081.75"); // 1.761 × 21,000 ÷ 12
        MonthEntitlement april = month(y, "2025-04");
        assertThat(april.incomplete()).isTrue();
        assertThat(april.unavailableLines()).isEqualTo(1);
        assertThat(y.arrsSum()).as("the ARRS sum needs every member's weighted population").isEmpty();
        // The total adds up what could be calculated and says it is incomplete.
        assertThat(april.total()).isEqualByComparingTo(april.lines().stream().filter(EntitlementLine::available)
                .map(EntitlementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(y.incomplete()).isTrue();
    }

    @Test
    void aPopulationRecordedMoreThanAYearBeforeThePopulationDateIsNotUsed() {
        List<Populations> recorded = List.of(populations("2023-12-31", 1, null, null),
                populations("2024-01-01", 2, null, null), populations("2024-03-01", 3, null, null));
        assertThat(Populations.at(LocalDate.of(2024, 1, 1), recorded)).hasValueSatisfying(
                p -> assertThat(p.registered()).isEqualTo(2));
        assertThat(Populations.at(LocalDate.of(2025, 1, 1), recorded)).hasValueSatisfying(
                p -> assertThat(p.registered()).isEqualTo(3));
        assertThat(Populations.at(LocalDate.of(2026, 1, 1), recorded)).isEmpty();
    }

    @Test
    void anUnknownRateIsListedAsUnavailableWithTheReason() {
        YearEntitlement y = EntitlementCalculator.calculate(year(2022), network(null,
                List.of(member("A00001", "2019-07-01", null)),
                Map.of("A00001", populations("2022-01-01", 10_000, "10000", "10000")), List.of()));
        EntitlementLine core = line(y, "2022-04", "core-pcn-funding|registered");
        assertThat(core.amount()).isNull();
        assertThat(core.unavailableReason()).isEqualTo("the 2022/23 rate is not confirmed");
        assertThat(core.quantity()).as("the population is known").isEqualByComparingTo("10000");
        // Extended hours end in September 2022 and enhanced access starts in October.
        assertThat(month(y, "2022-09").lines()).extracting(EntitlementLine::component).contains("extended-hours-access")
                .doesNotContain("enhanced-access");
        assertThat(month(y, "2022-10").lines()).extracting(EntitlementLine::component).contains("enhanced-access")
                .doesNotContain("extended-hours-access");
        assertThat(y.total()).isZero();
        assertThat(y.unavailableLines()).isPositive();
        // 2021/22 leadership and management: neither rate nor basis is confirmed; the rule set's note says why.
        YearEntitlement y21 = EntitlementCalculator.calculate(year(2021), network(null,
                List.of(member("A00001", "2019-07-01", null)),
                Map.of("A00001", populations("2021-01-01", 10_000, "10000", "10000")), NO_BEDS));
        assertThat(line(y21, "2021-04", "leadership-and-management|unknown").unavailableReason())
                .startsWith("the 2021/22 rate and the population it multiplies are not confirmed (A PCN leadership "
                        + "payment was made in 2020/21");
        assertThat(line(y21, "2021-04", "core-pcn-funding|registered").amount())
                .isEqualByComparingTo("1250.00"); // 1.50 × 10,000 ÷ 12
    }

    @Test
    void aYearWhoseRatesAreNotConfirmedListsEveryLineWithItsPopulationAndTheReasonNotAGuess() {
        YearEntitlement y = EntitlementCalculator.calculate(year(2026), network(null,
                List.of(member("A00001", "2019-07-01", null)),
                Map.of("A00001", populations("2026-01-01", 12_000, "11500", "11800")), NO_BEDS));
        EntitlementLine core = line(y, "2026-04", "core-pcn-funding|registered");
        assertThat(core.amount()).isNull();
        assertThat(core.unavailableReason()).isEqualTo("the 2026/27 rate is not confirmed");
        assertThat(core.quantity()).as("the population at 1 January 2026 is known").isEqualByComparingTo("12000");
        assertThat(line(y, "2027-03", "enhanced-access|adjusted").quantity()).isEqualByComparingTo("11800");
        assertThat(y.months()).hasSize(12);
        assertThat(y.total()).isZero();
        assertThat(y.unavailableLines()).isPositive();
    }

    @Test
    void careHomeBedsChangingMidMonthAreCountedByDayAndMissingBedsAreUnavailable() {
        YearEntitlement y = EntitlementCalculator.calculate(year(2024), network(null,
                List.of(member("A00001", "2019-07-01", null)),
                Map.of("A00001", populations("2024-01-01", 10_000, "10000", "10000")),
                List.of(new CareHomeBeds(LocalDate.of(2024, 4, 16), 40), new CareHomeBeds(LocalDate.of(2024, 5, 16), 50))));
        EntitlementLine april = line(y, "2024-04", "care-home-premium|care-home-beds");
        assertThat(april.amount()).isNull();
        assertThat(april.unavailableReason()).contains("no care-home beds recorded for the network for 2024-04-01 to 2024-04-15");
        // May: 40 beds for 15 days, 50 for 16 days; £127.20 a year (revised): 127.20 × (600 + 800) ÷ (12 × 31) = 478.709…
        EntitlementLine may = line(y, "2024-05", "care-home-premium|care-home-beds");
        assertThat(may.amount()).isEqualByComparingTo("478.71");
        assertThat(may.parts()).extracting(LinePart::days).containsExactly(15, 16);
        assertThat(may.explanation()).contains("40 beds × 15/31 days; 50 beds × 16/31 days");
    }

    @Test
    void theArrsSumIsTheRateTimesTheWeightedPopulationAndTheGpArrsForOctoberToMarch() {
        YearEntitlement y = EntitlementCalculator.calculate(year(2024), network(null,
                List.of(member("A00001", "2019-07-01", null)),
                Map.of("A00001", populations("2024-01-01", 9_000, "10000", "9500")), List.of()));
        assertThat(y.budget()).extracting(BudgetLine::amount).map(BigDecimal::toPlainString)
                .containsExactly("228940.00", "13030.00"); // 22.894 × 10,000; 1.303 × 10,000 for Oct–Mar
        assertThat(y.arrsSum()).hasValueSatisfying(s -> assertThat(s).isEqualByComparingTo("241970.00"));
        // A member for 14 of a leap-year February's 29 days, then March: 22.671 × 10,000 × (14/29 + 1) ÷ 12.
        YearEntitlement joiner = EntitlementCalculator.calculate(year(2023), network(null,
                List.of(member("A00001", "2024-02-16", null)),
                Map.of("A00001", populations("2023-01-01", 9_000, "10000", "9500")), List.of()));
        assertThat(joiner.arrsSum()).hasValueSatisfying(s -> assertThat(s)
                .isEqualByComparingTo("28013.02")); // 226,710 × 1.482758… ÷ 12 = 28,013.017…
        assertThat(EntitlementCalculator.calculate(year(2021), network(null,
                List.of(member("A00001", "2019-07-01", null)),
                Map.of("A00001", populations("2021-01-01", 9_000, "10000", "9500")), List.of())).arrsSum())
                .as("2021/22 ARRS rate is unknown").isEmpty();
    }

    @Test
    void iifIsListedAsPaidAfterTheYearNotScheduled() {
        YearEntitlement y = EntitlementCalculator.calculate(year(2024), network(null, List.of(), Map.of(), List.of()));
        assertThat(y.annual()).singleElement().satisfies(a -> {
            assertThat(a.component()).isEqualTo("iif");
            assertThat(a.rate()).isEqualTo("198");
        });
        assertThat(y.months()).allSatisfy(m -> assertThat(m.lines()).extracting(EntitlementLine::component)
                .doesNotContain("iif", "arrs-sum"));
    }

    @Test
    void theAmountsWithoutExplanationsAreTheSameAmounts() {
        NetworkFacts facts = network(null, List.of(member("A00001", "2019-07-01", null),
                member("B00002", "2024-06-11", null)),
                Map.of("A00001", populations("2024-01-01", 10_000, "10000", "10000"),
                        "B00002", populations("2024-01-01", 7_777, "8123.45", "7001.2")),
                List.of(new CareHomeBeds(LocalDate.of(2024, 4, 16), 40)));
        YearEntitlement explained = EntitlementCalculator.calculate(year(2024), facts);
        YearEntitlement amounts = EntitlementCalculator.amounts(year(2024), facts);
        assertThat(amounts.total()).isEqualByComparingTo(explained.total());
        assertThat(amounts.unavailableLines()).isEqualTo(explained.unavailableLines());
        assertThat(amounts.months().get(2).lines()).extracting(EntitlementLine::amount)
                .isEqualTo(explained.months().get(2).lines().stream().map(EntitlementLine::amount).toList());
        assertThat(amounts.months().get(2).lines()).allSatisfy(l -> assertThat(l.explanation()).isNull());
    }
}
