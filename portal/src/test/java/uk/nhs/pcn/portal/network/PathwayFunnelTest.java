package uk.nhs.pcn.portal.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.portal.view.BarChart;
import uk.nhs.pcn.portal.view.Table;

/** The pathway funnel of the year's cohort of referrals, as a chart with the same figures in a table. */
class PathwayFunnelTest {

    /** As referral-service's /networks/{code}/reports/pathway?from=2025-04-01&to=2025-12-01 answers. */
    static final PathwayFunnel FUNNEL = PathwayFunnel.of(Json.of("""
            {'networkCode':'U10001','from':'2025-04-01','to':'2025-12-01','received':40,'accepted':30,
             'firstContact':24,'planAgreed':18,'discharged':10,'declined':6,'didNotAttend':3,'withdrawn':1,
             'open':20}"""));

    @Test
    void ofTheReferralsReceivedInTheYearToDateItShowsHowManyReachedEachStep() {
        Table table = FUNNEL.table();
        assertThat(table.caption()).isEqualTo("Pathway funnel: of the referrals received from 1 April 2025 to "
                + "1 December 2025, how many reached each step by 1 December 2025");
        assertThat(table.rows()).extracting(r -> r.get(0).text() + " " + r.get(1).text() + " " + r.get(2).text())
                .startsWith("Received 40 100%", "Accepted 30 75%", "First contact 24 60%", "Plan agreed 18 45%",
                        "Discharged 10 25%");
        assertThat(table.rows().get(8).get(0).text()).startsWith("Still open");
        assertThat(table.rows().get(8).get(1).value()).isEqualTo("20");
    }

    @Test
    void theChartHasABarPerStepWithItsValueInWordsAndASummary() {
        BarChart chart = FUNNEL.chart();
        assertThat(chart.bars()).extracting(BarChart.Bar::label).containsExactly("Received", "Accepted",
                "First contact", "Plan agreed", "Discharged");
        assertThat(chart.bars()).extracting(BarChart.Bar::valueText).containsExactly("40 (100%)", "30 (75%)",
                "24 (60%)", "18 (45%)", "10 (25%)");
        assertThat(chart.summary()).isEqualTo("Of 40 referrals received from 1 April 2025 to 1 December 2025, 30 "
                + "were accepted, 24 had a first contact, 18 agreed a plan, 10 were discharged by 1 December 2025. "
                + "The pathway funnel table gives the same figures.");
    }
}
