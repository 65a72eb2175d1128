package uk.nhs.pcn.workforce.staff;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.workforce.rules.ArrsRuleSet;
import uk.nhs.pcn.workforce.rules.ArrsRulesTest;

class CapRulesTest {

    static final ArrsRuleSet RULES = ArrsRulesTest.shipped();

    static StaffTimeline spell(String role, String start, String end, String wte) {
        return new StaffTimeline(UUID.randomUUID(), "EMP", role, LocalDate.parse(start),
                end == null ? null : LocalDate.parse(end), List.of(new StaffTimeline.Terms(LocalDate.parse(start),
                        new BigDecimal(wte), new BigDecimal("40000"), BigDecimal.ZERO)));
    }

    @Test
    void aSecondDigitalTransformationLeadOverlappingTheFirstIsRefusedButASuccessorIsNot() {
        var first = spell("digital-transformation-lead", "2023-01-01", "2024-06-30", "1");
        assertThatThrownBy(() -> CapRules.check(RULES, "U00001", spell("digital-transformation-lead", "2024-06-01",
                null, "0.5"), List.of(first), fy -> 40_000L))
                .hasMessageContaining("at most 1 Digital and transformation lead").hasMessageContaining("2024-06-01");
        assertThatCode(() -> CapRules.check(RULES, "U00001", spell("digital-transformation-lead", "2024-07-01", null,
                "1"), List.of(first), fy -> 40_000L)).doesNotThrowAnyException();
    }

    @Test
    void theAdvancedPractitionerCapIsDoubledForNetworksOf100000OrMore() {
        var others = List.of(spell("advanced-practitioner", "2023-04-01", null, "1"),
                spell("advanced-practitioner", "2023-04-01", null, "1"),
                spell("advanced-practitioner", "2023-04-01", null, "0.5"));
        var candidate = spell("advanced-practitioner", "2023-06-01", null, "1");
        assertThatThrownBy(() -> CapRules.check(RULES, "U00001", candidate, others, fy -> 99_999L))
                .hasMessageContaining("at most 3 WTE").hasMessageContaining("make it 3.5 WTE");
        assertThatCode(() -> CapRules.check(RULES, "U00001", candidate, others, fy -> 100_000L))
                .doesNotThrowAnyException();
        // The 2023/24 cap ends on 31 March 2024: later appointments are not limited by it.
        assertThatCode(() -> CapRules.check(RULES, "U00001", spell("advanced-practitioner", "2024-04-01", null, "1"),
                List.of(spell("advanced-practitioner", "2024-04-01", null, "1"),
                        spell("advanced-practitioner", "2024-04-01", null, "1"),
                        spell("advanced-practitioner", "2024-04-01", null, "1")),
                fy -> 40_000L)).doesNotThrowAnyException();
    }
}
