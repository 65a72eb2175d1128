package uk.nhs.pcn.portal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.portal.view.Table;

/** Staff by role against the network caps in force: a role over its cap is warned of in words and marked. */
class RoleCapsTest {

    static final LocalDate AS_AT = LocalDate.of(2025, 12, 1);
    static final LocalDate JAN = LocalDate.of(2025, 1, 1);

    /** As workforce-service's /arrs/roles answers for 2025/26 (with a WTE cap added to advanced practitioner). */
    static final JsonNode ROLES = Json.of("""
            {'financialYear':'2025/26','roles':[
              {'code':'clinical-pharmacist','name':'Clinical pharmacist','caps':[]},
              {'code':'digital-transformation-lead','name':'Digital and transformation lead','caps':[
                {'from':'2022-10-01','limit':'1','unit':'HEADCOUNT','note':'At most one per PCN.'}]},
              {'code':'enhanced-practice-nurse','name':'Enhanced practice nurse','caps':[
                {'from':'2024-04-01','limit':'1','unit':'HEADCOUNT','largeNetworkLimit':'2',
                 'largeNetworkThreshold':100000}]},
              {'code':'advanced-practitioner','name':'Advanced practitioner','caps':[
                {'from':'2023-04-01','to':'2024-03-31','limit':'3','unit':'WTE','largeNetworkLimit':'6',
                 'largeNetworkThreshold':100000},
                {'from':'2025-04-01','limit':'3','unit':'WTE'}]}]}""");

    static JsonNode summary(String pharmacistWte, int leads, int nurses, String practitionerWte) {
        return Json.of(("""
                {'networkCode':'U10001','asAt':'2025-12-01','headcount':9,'wte':9.50,'roles':[
                  {'roleCode':'advanced-practitioner','roleName':'Advanced practitioner','headcount':4,'wte':%s},
                  {'roleCode':'clinical-pharmacist','roleName':'Clinical pharmacist','headcount':2,'wte':%s},
                  {'roleCode':'digital-transformation-lead','roleName':'Digital and transformation lead',
                   'headcount':%d,'wte':1.0},
                  {'roleCode':'enhanced-practice-nurse','roleName':'Enhanced practice nurse','headcount':%d,
                   'wte':1.6}]}""").formatted(practitionerWte, pharmacistWte, leads, nurses));
    }

    @Test
    void aRoleOverItsWteCapIsWarnedOfByNameWteAndCapAndItsRowIsMarked() {
        RoleCaps caps = RoleCaps.of(ROLES, summary("2.0", 1, 1, "3.50"), AS_AT, 45000L, JAN);
        assertThat(caps.warnings()).containsExactly("Advanced practitioner: 3.50 WTE against a network cap of "
                + "3 WTE. Over the cap.");
        Table table = caps.table(summary("2.0", 1, 1, "3.50"), AS_AT);
        assertThat(table.rows().get(0)).extracting(Table.Cell::text).containsExactly("Advanced practitioner", "4",
                "3.50", "3 WTE: over the cap");
        assertThat(table.mark(0)).isEqualTo("over-cap");
        // The others are within their caps (the 2023/24 cap is not in force in December 2025) or have none.
        assertThat(table.mark(1)).isNull();
        assertThat(table.rows().get(1).get(3).text()).isEqualTo("No cap");
        assertThat(table.rows().get(2).get(3).text()).isEqualTo("1 in post (headcount)");
        assertThat(table.rows().get(3).get(3).text()).isEqualTo("1 in post (headcount) (registered population "
                + "45,000 at 1 January 2025, under 100,000)");
        assertThat(table.footer()).extracting(Table.Cell::text).containsExactly("All roles", "9", "9.50", "");
    }

    @Test
    void aHeadcountCapCountsHeadsAndALargeNetworkHasItsLargerLimit() {
        RoleCaps small = RoleCaps.of(ROLES, summary("2.0", 2, 2, "3"), AS_AT, 45000L, JAN);
        assertThat(small.warnings()).containsExactly(
                "Digital and transformation lead: 2 in post against a network cap of 1 in post (headcount). Over the "
                        + "cap. At most one per PCN.",
                "Enhanced practice nurse: 2 in post against a network cap of 1 in post (headcount) (registered "
                        + "population 45,000 at 1 January 2025, under 100,000). Over the cap.");
        assertThat(small.rows()).extracting(RoleCaps.Row::over).containsExactly(false, false, true, true);

        RoleCaps large = RoleCaps.of(ROLES, summary("2.0", 1, 2, "3"), AS_AT, 120000L, JAN);
        assertThat(large.warnings()).isEmpty();
        assertThat(large.rows()).noneMatch(RoleCaps.Row::over);
    }

    @Test
    void withoutThePopulationALargeNetworkLimitIsNotAssumedEitherWay() {
        RoleCaps unknown = RoleCaps.of(ROLES, summary("2.0", 1, 2, "3"), AS_AT, null, JAN);
        assertThat(unknown.warnings()).singleElement().asString().startsWith("Enhanced practice nurse: 2 in post "
                + "against a network cap of 1 in post (headcount), or 2 in post (headcount) for a registered "
                + "population of at least 100,000 at 1 January 2025 (not known for this network)")
                .endsWith("Over the cap unless the network is large.");
        assertThat(unknown.rows().get(3).over()).isFalse();
        assertThat(RoleCaps.of(ROLES, summary("2.0", 1, 3, "3"), AS_AT, null, JAN).rows().get(3).over()).isTrue();
    }

    @Test
    void withoutTheRolesCatalogueTheCapsAreNotKnown() {
        RoleCaps caps = RoleCaps.of(null, summary("2.0", 2, 2, "9"), AS_AT, 45000L, JAN);
        assertThat(caps.warnings()).isEmpty();
        assertThat(caps.rows()).extracting(RoleCaps.Row::caps).containsOnly("Not known");
    }
}
