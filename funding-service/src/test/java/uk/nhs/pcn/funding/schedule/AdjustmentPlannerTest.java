package uk.nhs.pcn.funding.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.funding.entitlement.EntitlementCalculator;
import uk.nhs.pcn.funding.entitlement.EntitlementLine;
import uk.nhs.pcn.funding.entitlement.MonthEntitlement;
import uk.nhs.pcn.funding.entitlement.NetworkFacts;
import uk.nhs.pcn.funding.entitlement.NetworkFacts.CareHomeBeds;
import uk.nhs.pcn.funding.entitlement.NetworkFacts.Membership;
import uk.nhs.pcn.funding.entitlement.NetworkFacts.Populations;
import uk.nhs.pcn.funding.entitlement.YearEntitlement;
import uk.nhs.pcn.funding.rules.DesRuleSet;
import uk.nhs.pcn.funding.rules.DesRulesTest;
import uk.nhs.pcn.platform.time.FinancialYear;

class AdjustmentPlannerTest {

    static final DesRuleSet RULES = DesRulesTest.shipped();
    static final FinancialYear FY_2024 = new FinancialYear(2024);
    static final List<String> CAUSE = List.of("cause-1");

    static NetworkFacts network(long registered, String weighted, String adjusted) {
        return new NetworkFacts("U00001", LocalDate.of(2019, 7, 1), null,
                List.of(new Membership("A00001", LocalDate.of(2019, 7, 1), null)),
                Map.of("A00001", new Populations(LocalDate.of(2024, 1, 1), registered, new BigDecimal(weighted),
                        new BigDecimal(adjusted))),
                List.of(new CareHomeBeds(LocalDate.of(2019, 7, 1), 40)));
    }

    static Map<YearMonth, List<EntitlementLine>> confirm(YearEntitlement year, String from, String to) {
        Map<YearMonth, List<EntitlementLine>> confirmed = new TreeMap<>();
        for (MonthEntitlement m : year.months()) {
            if (!m.month().isBefore(YearMonth.parse(from)) && !m.month().isAfter(YearMonth.parse(to))) {
                confirmed.put(m.month(), m.lines());
            }
        }
        return confirmed;
    }

    @Test
    void theSeptember2024UpliftBackdatedToAprilIsPaidAsOctoberAdjustmentsForAprilToSeptember() {
        NetworkFacts network = network(10_000, "10000", "10000");
        // Scheduled with the rates known before 26 September 2024; April to September confirmed.
        YearEntitlement before = EntitlementCalculator.calculate(
                RULES.asKnownOn(LocalDate.of(2024, 9, 25)).year(FY_2024).orElseThrow(), network);
        Map<YearMonth, List<EntitlementLine>> confirmed = confirm(before, "2024-04", "2024-09");
        // The revision is published: the year recalculated with it.
        YearEntitlement after = EntitlementCalculator.calculate(
                RULES.asKnownOn(LocalDate.of(2024, 9, 26)).year(FY_2024).orElseThrow(), network);

        List<Adjustment> adjustments = AdjustmentPlanner.plan(after, confirmed, List.of(), YearMonth.of(2024, 10),
                List.of("des-rules 2024/25 2024-09-uplift"));

        assertThat(adjustments).allSatisfy(a -> {
            assertThat(a.paidInMonth()).isEqualTo(YearMonth.of(2024, 10));
            assertThat(a.causes()).containsExactly("des-rules 2024/25 2024-09-uplift");
        });
        // Enhanced access: 7.674 × 10,000 ÷ 12 = 6,395.00 paid; 7.975 × 10,000 ÷ 12 = 6,645.83 due; +250.83 a month.
        List<Adjustment> access = adjustments.stream().filter(a -> a.component().equals("enhanced-access")).toList();
        assertThat(access).extracting(Adjustment::correctsMonth).containsExactly(YearMonth.of(2024, 4),
                YearMonth.of(2024, 5), YearMonth.of(2024, 6), YearMonth.of(2024, 7), YearMonth.of(2024, 8),
                YearMonth.of(2024, 9));
        assertThat(access).allSatisfy(a -> {
            assertThat(a.paidBefore()).isEqualByComparingTo("6395.00");
            assertThat(a.corrected()).isEqualByComparingTo("6645.83");
            assertThat(a.amount()).isEqualByComparingTo("250.83");
            assertThat(a.revision()).isEqualTo("2024-09-uplift");
            assertThat(a.reason()).startsWith("Corrects 2024-").contains("£6,395.00 paid, £6,645.83 is due now");
        });
        // Care home premium: 40 beds × 120 ÷ 12 = 400.00 paid; × 127.20 = 424.00 due; +24.00 a month.
        assertThat(adjustments.stream().filter(a -> a.component().equals("care-home-premium")))
                .hasSize(6).allSatisfy(a -> assertThat(a.amount()).isEqualByComparingTo("24.00"));
        // Core PCN funding became 2.967 in total with no confirmed split: what was paid cannot be corrected yet.
        List<Adjustment> core = adjustments.stream().filter(a -> a.component().equals("core-pcn-funding")).toList();
        assertThat(core).hasSize(12).allSatisfy(a -> {
            assertThat(a.amount()).isNull();
            assertThat(a.reason()).contains("the corrected amount cannot be calculated")
                    .contains("2.967 in total");
        });
        // Nothing else changed: no adjustment for the other components.
        assertThat(adjustments).extracting(Adjustment::component)
                .containsOnly("enhanced-access", "care-home-premium", "core-pcn-funding");
        assertThat(adjustments.stream().filter(Adjustment::available).map(Adjustment::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1648.98"); // 6 × (250.83 + 24.00)
        // October itself is simply calculated at the new rate.
        assertThat(after.months().get(6).lines()).filteredOn(l -> l.component().equals("enhanced-access"))
                .singleElement().satisfies(l -> assertThat(l.amount()).isEqualByComparingTo("6645.83"));
    }

    @Test
    void planningAgainAfterTheAdjustmentsWereRaisedFindsNothingNew() {
        NetworkFacts network = network(10_000, "10000", "10000");
        YearEntitlement before = EntitlementCalculator.calculate(
                RULES.asKnownOn(LocalDate.of(2024, 9, 25)).year(FY_2024).orElseThrow(), network);
        Map<YearMonth, List<EntitlementLine>> confirmed = confirm(before, "2024-04", "2024-09");
        YearEntitlement after = EntitlementCalculator.calculate(RULES.year(FY_2024).orElseThrow(), network);
        List<Adjustment> raised = AdjustmentPlanner.plan(after, confirmed, List.of(), YearMonth.of(2024, 10), CAUSE);

        List<Adjustment> again = AdjustmentPlanner.plan(after, confirmed,
                raised.stream().filter(Adjustment::available).toList(), YearMonth.of(2024, 10), List.of("redelivered"));

        assertThat(again).allSatisfy(a -> assertThat(a.available()).as("only the unavailable ones are planned again")
                .isFalse());
        assertThat(again).hasSize((int) raised.stream().filter(a -> !a.available()).count());
    }

    @Test
    void aListSizeCorrectionAfterConfirmationRaisesAnAdjustmentPerConfirmedMonthAndLine() {
        YearEntitlement original = EntitlementCalculator.calculate(RULES.year(new FinancialYear(2025)).orElseThrow(),
                network25(9_000));
        Map<YearMonth, List<EntitlementLine>> confirmed = confirm(original, "2025-04", "2025-05");
        YearEntitlement corrected = EntitlementCalculator.calculate(RULES.year(new FinancialYear(2025)).orElseThrow(),
                network25(9_600));

        List<Adjustment> adjustments = AdjustmentPlanner.plan(corrected, confirmed, List.of(), YearMonth.of(2025, 6),
                List.of("event-42"));

        // Only the registered-list line changes: 2.266 × 600 ÷ 12 = 113.30 a month.
        assertThat(adjustments).hasSize(2).allSatisfy(a -> {
            assertThat(a.lineKey()).isEqualTo("core-pcn-funding|registered");
            assertThat(a.amount()).isEqualByComparingTo("113.30");
            assertThat(a.causes()).containsExactly("event-42");
        });
        // Raised once, the next correction (back to 9,000) pays it back.
        List<Adjustment> raised = new ArrayList<>(adjustments);
        List<Adjustment> reversal = AdjustmentPlanner.plan(original, confirmed, raised, YearMonth.of(2025, 6),
                List.of("event-43"));
        assertThat(reversal).hasSize(2).allSatisfy(a -> {
            assertThat(a.paidBefore()).isEqualByComparingTo("1812.80"); // 1,699.50 confirmed + 113.30 adjusted
            assertThat(a.amount()).isEqualByComparingTo("-113.30");
        });
    }

    @Test
    void aPracticeMovedOutOfAConfirmedMonthLeavesItsLinesToBePaidBack() {
        NetworkFacts stayed = network(10_000, "10000", "10000");
        YearEntitlement paid = EntitlementCalculator.calculate(RULES.year(FY_2024).orElseThrow(), stayed);
        NetworkFacts moved = new NetworkFacts("U00001", LocalDate.of(2019, 7, 1), null,
                List.of(new Membership("A00001", LocalDate.of(2019, 7, 1), LocalDate.of(2024, 3, 31))),
                stayed.populations(), stayed.careHomeBeds());
        YearEntitlement now = EntitlementCalculator.calculate(RULES.year(FY_2024).orElseThrow(), moved);

        List<Adjustment> adjustments = AdjustmentPlanner.plan(now, confirm(paid, "2024-04", "2024-04"), List.of(),
                YearMonth.of(2024, 5), CAUSE);

        assertThat(adjustments).filteredOn(a -> a.practiceCode() != null).singleElement().satisfies(a -> {
            assertThat(a.lineKey()).isEqualTo("network-participation|weighted|A00001");
            assertThat(a.corrected()).isZero();
            assertThat(a.amount()).isEqualByComparingTo("-1470.00"); // 0.147 × 10,000 a month
            assertThat(a.reason()).contains("nothing is due for it now");
        });
    }

    @Test
    void aLineThatOnlyAdjustmentsEverPaidIsPaidBackWhenItIsDueNoMore() {
        // April confirmed with A alone; B then joined from April (its participation adjusted in); now B's membership
        // was withdrawn again: what the adjustment paid is paid back.
        NetworkFacts aAlone = network(10_000, "10000", "10000");
        YearEntitlement april = EntitlementCalculator.calculate(RULES.year(FY_2024).orElseThrow(), aAlone);
        Adjustment joined = new Adjustment(java.util.UUID.randomUUID(), "U00001", YearMonth.of(2024, 5),
                YearMonth.of(2024, 4), "network-participation|weighted|B00002", "network-participation",
                "Network participation payment", uk.nhs.pcn.funding.rules.Basis.WEIGHTED, "B00002",
                BigDecimal.ZERO, new BigDecimal("735.00"), new BigDecimal("735.00"), "joined", "2024/25", null,
                List.of("join"));

        List<Adjustment> planned = AdjustmentPlanner.plan(april, confirm(april, "2024-04", "2024-04"),
                List.of(joined), YearMonth.of(2024, 6), List.of("withdrawn"));

        assertThat(planned).singleElement().satisfies(a -> {
            assertThat(a.lineKey()).isEqualTo("network-participation|weighted|B00002");
            assertThat(a.paidBefore()).isEqualByComparingTo("735.00");
            assertThat(a.amount()).isEqualByComparingTo("-735.00");
            assertThat(a.practiceCode()).isEqualTo("B00002");
            assertThat(a.reason()).contains("nothing is due for it now");
        });
    }

    private static NetworkFacts network25(long registered) {
        return new NetworkFacts("U00001", LocalDate.of(2019, 7, 1), null,
                List.of(new Membership("A00001", LocalDate.of(2019, 7, 1), null)),
                Map.of("A00001", new Populations(LocalDate.of(2025, 1, 1), registered, new BigDecimal("9000"),
                        new BigDecimal("9000"))),
                List.of(new CareHomeBeds(LocalDate.of(2019, 7, 1), 0)));
    }
}
