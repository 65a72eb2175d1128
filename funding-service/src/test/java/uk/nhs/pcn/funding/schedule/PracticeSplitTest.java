package uk.nhs.pcn.funding.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.funding.entitlement.EntitlementCalculator;
import uk.nhs.pcn.funding.entitlement.MonthEntitlement;
import uk.nhs.pcn.funding.entitlement.NetworkFacts;
import uk.nhs.pcn.funding.entitlement.NetworkFacts.CareHomeBeds;
import uk.nhs.pcn.funding.entitlement.NetworkFacts.Membership;
import uk.nhs.pcn.funding.entitlement.NetworkFacts.Populations;
import uk.nhs.pcn.funding.rules.DesRulesTest;
import uk.nhs.pcn.platform.time.FinancialYear;

class PracticeSplitTest {

    @Test
    void theLeftoverPenniesGoToTheLargestShare() {
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        weights.put("B00002", new BigDecimal("2"));
        weights.put("A00001", new BigDecimal("1"));
        weights.put("C00003", new BigDecimal("1"));
        // £100.01 in 2:1:1 → 50.005, 25.0025, 25.0025: rounded down 50.00, 25.00, 25.00; the 1p to B.
        assertThat(PracticeSplit.divide(new BigDecimal("100.01"), weights)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "A00001", new BigDecimal("25.00"), "B00002", new BigDecimal("50.01"), "C00003", new BigDecimal("25.00")));
    }

    @Test
    void equalSharesGiveTheRemainderToTheLowestPracticeCodeEveryTime() {
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        weights.put("C00003", BigDecimal.ONE);
        weights.put("A00001", BigDecimal.ONE);
        weights.put("B00002", BigDecimal.ONE);
        assertThat(PracticeSplit.divide(new BigDecimal("100.00"), weights)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "A00001", new BigDecimal("33.34"), "B00002", new BigDecimal("33.33"), "C00003", new BigDecimal("33.33")));
    }

    @Test
    void aMonthSplitsEveryLineByItsBasisAndDaysAndAddsUpToTheMonthExactly() {
        NetworkFacts facts = new NetworkFacts("U00001", LocalDate.of(2019, 7, 1), null,
                List.of(new Membership("A00001", LocalDate.of(2019, 7, 1), null),
                        new Membership("B00002", LocalDate.of(2025, 6, 11), null)),
                Map.of("A00001", new Populations(LocalDate.of(2025, 1, 1), 12_345, new BigDecimal("13001.7"),
                        new BigDecimal("12999.9")),
                        "B00002", new Populations(LocalDate.of(2025, 1, 1), 7_777, new BigDecimal("8123.45"),
                                new BigDecimal("7001.2"))),
                List.of(new CareHomeBeds(LocalDate.of(2019, 7, 1), 37)));
        MonthEntitlement june = EntitlementCalculator.calculate(DesRulesTest.shipped().year(new FinancialYear(2025))
                .orElseThrow(), facts).months().get(2);
        assertThat(june.month()).isEqualTo(YearMonth.of(2025, 6));

        PracticeSplit split = PracticeSplit.split(june, EntitlementCalculator.registeredDays(facts, june.month()));

        assertThat(split.unsplit()).isEmpty();
        assertThat(split.practices().stream().map(PracticeSplit.PracticeShare::total)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(june.total());
        // Every line is divided exactly.
        june.lines().forEach(line -> assertThat(split.practices().stream().flatMap(p -> p.lines().stream())
                .filter(s -> s.lineKey().equals(line.key())).map(PracticeSplit.ShareLine::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).as(line.key()).isEqualByComparingTo(line.amount()));
        // B joined on 11 June: 20 of 30 days; its participation payment is its own.
        assertThat(split.practices()).filteredOn(p -> p.practiceCode().equals("B00002")).singleElement()
                .satisfies(b -> assertThat(b.lines()).filteredOn(l -> l.component().equals("network-participation"))
                        .singleElement().satisfies(l -> assertThat(l.splitBy()).isEqualTo("paid to the practice")));
        assertThat(split.practices()).flatExtracting(PracticeSplit.PracticeShare::lines)
                .filteredOn(l -> l.component().equals("care-home-premium"))
                .allSatisfy(l -> assertThat(l.splitBy()).isEqualTo("registered list × days"));
    }
}
