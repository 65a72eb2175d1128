package uk.nhs.pcn.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.events.EventJson;

/**
 * The demo over databases that already hold data: it reuses them when its national file is already there, adds to
 * them when the file only adds, and otherwise changes nothing and says how to start clean.
 */
class DemoDataTest {

    @Test
    void aRegistryRefusingTheNationalFileIsQuotedWithHowToStartClean() {
        String advice = DemoData.existingDataAdvice("ePCN-2019-12.xlsx", DemoData.problemDetail("""
                {"type":"https://pcn.nhs.uk/problems/older-import-file","title":"The file is older than an import \
                already applied","status":409,"detail":"This file is older than the epcn import applied \
                2026-11-26T00:03:12Z (file 'ePCN-2020-04.xlsx', sha256 ab12, effective 2020-04-01)"}"""));

        assertThat(advice).contains("already holds data that ePCN-2019-12.xlsx would change")
                .contains("The registry said: This file is older than the epcn import applied 2026-11-26T00:03:12Z")
                .contains("left as it is").contains("./pcn reset && ./pcn up --demo")
                .doesNotContain("\"type\"");
        assertThat(DemoData.problemDetail("Conflict")).isEqualTo("The registry said: Conflict");
    }

    @Test
    void aFileThatOnlyAddsOrIsAlreadyThereChangesNoHeldData() throws Exception {
        assertThat(DemoData.changesToHeldData(report("""
                {"counts":{"networksRegistered":1250,"practicesRegistered":6757,"joins":6757,"leaves":0},
                 "changes":["register network U45102 DARLINGTON PCN"],"changesNotListed":14263}"""))).isNull();
        assertThat(DemoData.changesToHeldData(report("""
                {"counts":{"networksRegistered":0,"practicesRegistered":0,"joins":0,"leaves":0},"changes":[]}""")))
                .isNull();
    }

    @Test
    void aFileThatWouldEndRenameOrReopenWhatTheRegistryHoldsIsNamedWithExamples() throws Exception {
        String changes = DemoData.changesToHeldData(report("""
                {"counts":{"networksRegistered":0,"networksRenamed":1,"practicesRegistered":0,"joins":1,"leaves":2},
                 "changes":["rename network U45102 from 'DARLINGTON HEALTH PCN' to 'DARLINGTON PCN'",
                            "practice N82033 leaves U45102 after 2019-12-30",
                            "practice Z00001 leaves U00801 after 2019-12-30",
                            "practice N82033 is again a member of U35980",
                            "practice A83005 joins U45102 from 2019-10-01"]}"""));

        assertThat(changes).startsWith("Importing it would change 4 thing(s) the registry holds, e.g. rename network "
                + "U45102").contains("practice N82033 leaves U45102").doesNotContain("A83005");
    }

    private static JsonNode report(String json) throws Exception {
        return EventJson.mapper().readTree(json);
    }
}
