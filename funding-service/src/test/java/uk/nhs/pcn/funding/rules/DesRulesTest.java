package uk.nhs.pcn.funding.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.platform.time.FinancialYear;

public class DesRulesTest {

    public static DesRuleSet shipped() {
        return DesRules.load("classpath:rules/des-rules.json");
    }

    static String shippedText() throws IOException {
        return new String(DesRulesTest.class.getResourceAsStream("/rules/des-rules.json").readAllBytes(),
                StandardCharsets.UTF_8);
    }

    @Test
    void theShippedRuleSetCoversEveryYearFrom2021To2027WithEveryComponent() {
        DesRuleSet rules = shipped();
        assertThat(rules.years()).extracting(DesRuleSet.YearRules::financialYear)
                .containsExactly("2021/22", "2022/23", "2023/24", "2024/25", "2025/26", "2026/27");
        for (DesRuleSet.YearRules year : rules.years()) {
            assertThat(year.populationDate()).as(year.financialYear()).isEqualTo(year.year().populationDate());
            assertThat(year.components()).extracting(DesRuleSet.Component::code).as(year.financialYear())
                    .contains("core-pcn-funding", "care-home-premium", "network-participation", "arrs-sum", "iif");
        }
        assertThat(rules.year(new FinancialYear(2023)).orElseThrow().components())
                .extracting(DesRuleSet.Component::code).contains("clinical-director", "leadership-and-management",
                        "enhanced-access", "capacity-and-access-support", "capacity-and-access-improvement");
        assertThat(rules.year(new FinancialYear(2021)).orElseThrow().components())
                .extracting(DesRuleSet.Component::code).contains("extended-hours-access");
    }

    @Test
    void theDomainFiguresAreThereAndUnconfirmedOnesSayUnknown() {
        DesRuleSet rules = shipped();
        assertThat(rate(rules, 2021, "core-pcn-funding", Basis.REGISTERED)).isEqualTo("1.50");
        assertThat(rate(rules, 2021, "network-participation", Basis.WEIGHTED)).isEqualTo("1.761");
        assertThat(rate(rules, 2021, "arrs-sum", Basis.WEIGHTED)).isEqualTo("unknown");
        assertThat(rate(rules, 2022, "core-pcn-funding", Basis.REGISTERED)).isEqualTo("unknown");
        assertThat(rate(rules, 2023, "arrs-sum", Basis.WEIGHTED)).isEqualTo("22.671");
        assertThat(rate(rules, 2024, "core-pcn-funding", Basis.ADJUSTED)).isEqualTo("0.698");
        assertThat(rate(rules, 2025, "enhanced-access", Basis.ADJUSTED)).isEqualTo("8.427");
        // Second-hand figures say so.
        assertThat(term(rules, 2025, "enhanced-access", Basis.ADJUSTED).source()).startsWith("2nd");
        assertThat(term(rules, 2024, "network-participation", Basis.WEIGHTED).per()).isEqualTo(Per.MONTH);
        // 2026/27: the current year is covered, but none of its figures is confirmed here, so none is invented.
        DesRuleSet.YearRules latest = rules.year(new FinancialYear(2026)).orElseThrow();
        assertThat(latest.components()).flatExtracting(DesRuleSet.Component::terms)
                .extracting(DesRuleSet.Term::rate).containsOnly("unknown");
        // 2023/24 capacity and access improvement: a rate whose basis is not confirmed.
        assertThat(term(rules, 2023, "capacity-and-access-improvement", Basis.UNKNOWN).rate()).isEqualTo("1.185");
    }

    @Test
    void theSeptember2024UpliftIsARevisionBackdatedToApril() {
        DesRuleSet.YearRules year = shipped().year(new FinancialYear(2024)).orElseThrow();
        DesRuleSet.Component access = year.component("enhanced-access").orElseThrow();
        DesRuleSet.Term term = access.terms().get(0);
        assertThat(year.ratePeriods(access, term)).singleElement().satisfies(p -> {
            assertThat(p.rate()).isEqualTo("7.975");
            assertThat(p.from()).isEqualTo(LocalDate.of(2024, 4, 1));
            assertThat(p.revision().published()).isEqualTo(LocalDate.of(2024, 9, 26));
        });
        DesRuleSet.YearRules before = year.asKnownOn(LocalDate.of(2024, 9, 25));
        assertThat(before.ratePeriods(access, term)).singleElement()
                .satisfies(p -> assertThat(p.rate()).isEqualTo("7.674"));
        assertThat(DesRules.fingerprint(before)).isNotEqualTo(DesRules.fingerprint(year));
    }

    @Test
    void aRevisionFromMidYearSplitsTheYearIntoTwoRatePeriods() {
        DesRuleSet.YearRules year = shipped().year(new FinancialYear(2024)).orElseThrow();
        DesRuleSet.Component access = year.component("enhanced-access").orElseThrow();
        DesRuleSet.Revision october = new DesRuleSet.Revision("october", LocalDate.of(2024, 12, 1),
                LocalDate.of(2024, 10, 1), "test", null, List.of(new DesRuleSet.Change("enhanced-access",
                        Basis.ADJUSTED, null, "8.000", null)));
        DesRuleSet.YearRules revised = new DesRuleSet.YearRules(year.financialYear(), year.populationDate(),
                year.notes(), year.components(), List.of(year.revisions().get(0), october));
        assertThat(revised.ratePeriods(access, access.terms().get(0)))
                .extracting(DesRuleSet.RatePeriod::from, DesRuleSet.RatePeriod::to, DesRuleSet.RatePeriod::rate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 9, 30), "7.975"),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2024, 10, 1), LocalDate.of(2025, 3, 31), "8.000"));
    }

    @Test
    void aRateThatIsNeitherANumberNorUnknownStopsTheLoadNamingTheLineAndTheRule() throws IOException {
        String text = shippedText();
        Path broken = write(text.replace("\"rate\": \"7.578\"", "\"rate\": \"7,578\""));
        int line = lineOf(text, "\"rate\": \"7.578\"");
        assertThatThrownBy(() -> DesRules.load(broken.toString()))
                .isInstanceOf(DesRules.InvalidRuleSetException.class)
                .hasMessageContaining("line " + line + ": 2023/24 enhanced-access adjusted: rate '7,578' is neither "
                        + "a number of pounds nor 'unknown'");
    }

    @Test
    void malformedJsonAndUnknownFieldsAreReportedWithTheirLine() throws IOException {
        String text = shippedText();
        int line = lineOf(text, "\"rate\": \"0.729\"");
        assertThatThrownBy(() -> DesRules.load(write(text.replace("\"rate\": \"0.729\"", "\"rate\" \"0.729\""))
                .toString())).hasMessageContaining("line " + line + ":");
        assertThatThrownBy(() -> DesRules.load(write(text.replace("\"rate\": \"0.729\"", "\"rte\": \"0.729\""))
                .toString())).hasMessageContaining("line " + line + ":").hasMessageContaining("rte");
    }

    @Test
    void aRevisionOfATermThatDoesNotExistIsRejected() throws IOException {
        String text = shippedText();
        Path broken = write(text.replace("{\"component\": \"enhanced-access\", \"basis\": \"adjusted\", \"rate\": \"7.975\"}",
                "{\"component\": \"enhanced-acess\", \"basis\": \"adjusted\", \"rate\": \"7.975\"}"));
        assertThatThrownBy(() -> DesRules.load(broken.toString()))
                .hasMessageContaining("line " + lineOf(text, "\"rate\": \"7.975\"") + ": 2024/25 revision "
                        + "2024-09-uplift enhanced-acess: no term of 2024/25 has component enhanced-acess");
    }

    @Test
    void anUnknownBasisIsRejectedNamingTheAllowedOnes() throws IOException {
        String text = shippedText();
        Path broken = write(text.replace("\"basis\": \"care-home-beds\", \"rate\": \"130.253\"",
                "\"basis\": \"beds\", \"rate\": \"130.253\""));
        assertThatThrownBy(() -> DesRules.load(broken.toString()))
                .hasMessageContaining("line " + lineOf(text, "\"rate\": \"130.253\""))
                .hasMessageContaining("basis 'beds' is not one of registered, weighted, adjusted, care-home-beds");
    }

    static String rate(DesRuleSet rules, int year, String component, Basis basis) {
        return term(rules, year, component, basis).rate();
    }

    static DesRuleSet.Term term(DesRuleSet rules, int year, String component, Basis basis) {
        return rules.year(new FinancialYear(year)).orElseThrow().component(component).orElseThrow().terms().stream()
                .filter(t -> t.basis() == basis).findFirst().orElseThrow();
    }

    private static int lineOf(String text, String fragment) {
        int at = text.indexOf(fragment);
        assertThat(at).as(fragment).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static Path write(String text) throws IOException {
        Path file = Files.createTempFile("des-rules", ".json");
        Files.writeString(file, text);
        return file;
    }
}
