package uk.nhs.pcn.portal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.portal.NoServicesResources;
import uk.nhs.pcn.portal.services.Answer;
import uk.nhs.pcn.portal.services.PlatformApi;
import uk.nhs.pcn.portal.signin.SignedInUser;
import uk.nhs.pcn.portal.view.Panel;

/**
 * The network page's panels built from answers shaped like the services' and rendered by the real templates: what a
 * reader of the page meets (populations at 1 January, the over-cap warning, starters and leavers, the funnel).
 */
@QuarkusTest
@WithTestResource(NoServicesResources.class)
class NetworkPanelsRenderTest {

    static final LocalDate AS_AT = LocalDate.of(2025, 12, 1);

    @Inject
    NetworkPageBuilder builder;

    @Inject
    @Location("panel.html")
    Template panel;

    static Answer ok(PlatformApi api, JsonNode body) {
        return new Answer(api, 200, body, null, null);
    }

    String render(Panel p) {
        return panel.data("panel", p).data("csvBase", "/networks/U10001").render();
    }

    @Test
    void theMembershipPanelGivesThePopulationsAt1JanuaryAndTheListSizesAsAtTheDate() {
        JsonNode now = Json.of("""
                {'code':'U10001','asAt':'2025-12-01','name':'North PCN','commissionerCode':'00C','status':'OPEN',
                 'openDate':'2019-07-01','population':{'registeredPatients':18500},
                 'members':[{'practiceCode':'A10001','practiceName':'Able Surgery','from':'2019-07-01',
                   'listSize':{'asAt':'2025-10-01','registeredPatients':10500}},
                  {'practiceCode':'B10002','practiceName':'Brook Surgery','from':'2019-07-01',
                   'listSize':{'asAt':'2025-01-01','registeredPatients':8000}}],'warnings':[]}""");
        JsonNode then = Json.of("""
                {'code':'U10001','members':[{'practiceCode':'A10001','listSize':{'asAt':'2025-01-01',
                   'registeredPatients':10000,'weightedPopulation':10500}},
                  {'practiceCode':'B10002','listSize':{'asAt':'2025-01-01','registeredPatients':8000,
                   'weightedPopulation':8400}}]}""");
        Populations populations = Populations.of(now, then, java.util.Map.of(), LocalDate.of(2025, 1, 1));
        Panel p = builder.registryPanel(ok(PlatformApi.REGISTRY, now), null, LocalDate.of(2025, 4, 1), populations,
                AS_AT, "2025/26");
        String html = render(p);
        assertThat(fact(p, "registered-population")).isEqualTo("18,500");
        assertThat(fact(p, "registered-population-jan")).isEqualTo("18,000");
        assertThat(fact(p, "weighted-population")).isEqualTo("18,900");
        assertThat(fact(p, "adjusted-population")).isEqualTo("Not available: not recorded for A10001, B10002");
        assertThat(html).contains("Registered patients at 1 January 2025 (for 2025/26)",
                "with their populations at 1 January 2025 (the population date of 2025/26)",
                "Each practice&#39;s registered patients at 1 January 2025", "10,500 (of 1 October 2025)");
    }

    @Test
    void aRoleOverItsCapIsAGovukWarningAndAMarkedRowAndTheYearsStartersAndLeaversAreListed() {
        JsonNode summary = Json.of("""
                {'networkCode':'U10001','asAt':'2025-12-01','headcount':3,'wte':2.00,'roles':[
                  {'roleCode':'digital-transformation-lead','roleName':'Digital and transformation lead',
                   'headcount':2,'wte':1.0},
                  {'roleCode':'paramedic','roleName':'Paramedic','headcount':1,'wte':1.0}]}""");
        JsonNode roles = Json.of("""
                {'financialYear':'2025/26','roles':[{'code':'digital-transformation-lead',
                  'name':'Digital and transformation lead','caps':[{'from':'2022-10-01','limit':'1',
                  'unit':'HEADCOUNT','note':'At most one per PCN.'}]},{'code':'paramedic','name':'Paramedic',
                  'caps':[]}]}""");
        JsonNode atYearStart = Json.of("""
                [{'id':'a1','staffReference':'DTL-1','roleCode':'digital-transformation-lead',
                  'startDate':'2023-01-01','endDate':'2026-01-31'}]""");
        JsonNode atDate = Json.of("""
                [{'id':'a1','staffReference':'DTL-1','roleCode':'digital-transformation-lead',
                  'startDate':'2023-01-01','endDate':'2026-01-31'},
                 {'id':'a2','staffReference':'DTL-2','roleCode':'digital-transformation-lead',
                  'startDate':'2025-11-01'},
                 {'id':'a3','staffReference':'PM-1','roleCode':'paramedic','startDate':'2025-05-01'}]""");
        Answer denied = new Answer(PlatformApi.WORKFORCE, 403, null, "not yours", null);
        Panel p = builder.workforcePanel(ok(PlatformApi.WORKFORCE, summary), List.of(ok(PlatformApi.WORKFORCE,
                atYearStart), ok(PlatformApi.WORKFORCE, atDate)), ok(PlatformApi.WORKFORCE, roles), denied, AS_AT,
                45000L);
        String html = render(p);
        assertThat(html).contains("<div class=\"govuk-warning-text\" id=\"workforce-warning-1\">",
                "<span class=\"govuk-visually-hidden\">Warning</span>Digital and transformation lead: 2 in post "
                        + "against a network cap of 1 in post (headcount). Over the cap. At most one per PCN.",
                "<tr class=\"govuk-table__row pcn-row--over-cap\">");
        assertThat(html.split("pcn-row--over-cap", -1)).hasSize(2);
        // The leaving in January 2026 is after the chosen date: not a leaver yet.
        assertThat(fact(p, "starters")).isEqualTo("2");
        assertThat(fact(p, "leavers")).isEqualTo("0");
        assertThat(html).contains("Starters and leavers from 1 April 2025 to 1 December 2025", "DTL-2", "PM-1")
                .doesNotContain("DTL-1");
    }

    @Test
    void theSocialPrescribingPanelChartsTheYearsCohortThroughThePathwayWithATable() {
        JsonNode caseload = Json.of("""
                {'openReferrals':2,'overdueForAcceptance':0,'queue':{'waiting':0},'linkWorkers':[]}""");
        JsonNode cohort = Json.of("""
                {'networkCode':'U10001','from':'2025-04-01','to':'2025-12-01','received':10,'accepted':8,
                 'firstContact':6,'planAgreed':5,'discharged':3,'declined':1,'didNotAttend':0,'withdrawn':1,
                 'open':5}""");
        Answer noReport = new Answer(PlatformApi.REFERRAL, 403, null, null, null);
        Panel p = builder.referralPanel(ok(PlatformApi.REFERRAL, caseload), noReport, ok(PlatformApi.REFERRAL,
                cohort), new SignedInUser("token", "m", java.util.Set.of(SignedInUser.PCN_MANAGER),
                        List.of("U10001")), AS_AT);
        String html = render(p);
        assertThat(html).contains("id=\"pathway-chart\"", "Pathway funnel: referrals received from 1 April 2025 "
                + "to 1 December 2025", "id=\"table-pathway\"", "Of 10 referrals received from 1 April 2025 to "
                + "1 December 2025, 8 were accepted, 6 had a first contact, 5 agreed a plan, 3 were discharged");
    }

    private static String fact(Panel p, String id) {
        return p.facts().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow().value();
    }
}
