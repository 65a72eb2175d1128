package uk.nhs.pcn.workforce.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

public class ArrsRulesTest {

    public static ArrsRuleSet shipped() {
        return ArrsRules.load("classpath:rules/arrs-rules.json");
    }

    @Test
    void theShippedRuleSetHoldsTheConfirmedFiguresAndSaysWhichAreUnknown() {
        ArrsRuleSet rules = shipped();
        var pharmacist = rules.role("clinical-pharmacist").orElseThrow();
        assertThat(pharmacist.rateOn(LocalDate.of(2024, 9, 30)).orElseThrow().nationalAmount()).hasValueSatisfying(
                a -> assertThat(a).isEqualByComparingTo("62340"));
        assertThat(pharmacist.rateOn(LocalDate.of(2024, 10, 1)).orElseThrow().nationalAmount()).hasValueSatisfying(
                a -> assertThat(a).isEqualByComparingTo("65838"));
        assertThat(pharmacist.rateOn(LocalDate.of(2023, 6, 30))).isEmpty();
        var linkWorker = rules.role("social-prescribing-link-worker").orElseThrow();
        assertThat(linkWorker.linkWorker()).isTrue();
        assertThat(linkWorker.rateOn(LocalDate.of(2025, 1, 1)).orElseThrow().nationalAmount()).isEmpty();
        assertThat(rules.role("gp").orElseThrow().reimbursableOn(LocalDate.of(2024, 9, 30))).isFalse();
        assertThat(rules.capsFor("digital-transformation-lead")).hasSize(1);
    }

    @Test
    void aRuleSetWithAFigureThatIsNeitherANumberNorUnknownIsRejectedAtLoad() throws IOException {
        Path broken = Files.createTempFile("arrs-rules", ".json");
        String shipped = new String(getClass().getResourceAsStream("/rules/arrs-rules.json").readAllBytes());
        Files.writeString(broken, shipped.replace("\"62340\"", "\"62,340 approx\""));
        assertThatThrownBy(() -> ArrsRules.load(broken.toString()))
                .hasMessageContaining("clinical-pharmacist rate from 2023-07-01 is neither a number nor 'unknown'");
    }
}
