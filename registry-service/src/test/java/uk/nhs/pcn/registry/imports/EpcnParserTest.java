package uk.nhs.pcn.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EpcnParserTest {

    static Table csv(String name, String text) {
        return TableReader.readCsv(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static final String PARTNERS_SUB_ICB = """
            Partner Organisation Code,Partner Name,Practice Parent Sub ICB Loc Code,PCN Code,Practice to PCN Relationship Start Date,Practice to PCN Relationship End Date
            A83005,WHINFIELD MEDICAL PRACTICE,16C,U45102,20220701,
            """;

    @Test
    void headersAreMatchedAfterNormalisingWhiteSpaceAndLineBreaksInEitherEra() {
        Table details = csv("PCN Details", """
                PCN Code,"PCN
                  Name",Current Sub ICB Loc Code,"Open Date
                (YYYYMMDD)",Close Date
                U45102,DARLINGTON PCN,16C,20190701,
                """);
        EpcnParser.Result result = EpcnParser.parse(details, csv("PCN Core Partner Details", PARTNERS_SUB_ICB));
        assertThat(result).isInstanceOfSatisfying(EpcnParser.Valid.class, valid -> {
            assertThat(valid.file().networks()).singleElement().satisfies(n -> {
                assertThat(n.name()).isEqualTo("DARLINGTON PCN");
                assertThat(n.commissionerCode()).isEqualTo("16C");
            });
            assertThat(valid.file().memberships()).singleElement().satisfies(m -> {
                assertThat(m.practiceCommissionerCode()).isEqualTo("16C");
                assertThat(m.end()).isNull();
            });
        });
    }

    @Test
    void rowNumbersAreTheLinesAPersonSeesAndAMissingColumnIsNamed() {
        Table details = csv("PCN Details", """
                PCN Code,PCN Name,Open Date (YYYYMMDD),Close Date
                U45102,DARLINGTON PCN,20190701,
                U4510,BAD PCN,20190701,
                """);
        EpcnParser.Result result = EpcnParser.parse(details, csv("PCN Core Partner Details", PARTNERS_SUB_ICB));
        assertThat(result).isInstanceOfSatisfying(EpcnParser.Invalid.class, invalid -> assertThat(invalid.problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.rule()).isEqualTo("missing-column");
                    assertThat(p.message()).contains("Current Sub ICB Loc Code");
                }));

        Table withCommissioner = csv("PCN Details", """
                PCN Code,PCN Name,Current Clinical Commissioning Group Code,Open Date (YYYYMMDD),Close Date
                U45102,DARLINGTON PCN,00C,20190701,
                U4510,BAD PCN,00C,20190701,
                """);
        EpcnParser.Result second = EpcnParser.parse(withCommissioner,
                csv("PCN Core Partner Details", PARTNERS_SUB_ICB));
        assertThat(second).isInstanceOfSatisfying(EpcnParser.Invalid.class, invalid -> assertThat(invalid.problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.row()).isEqualTo(3);
                    assertThat(p.message()).contains("U4510");
                }));
    }
}
