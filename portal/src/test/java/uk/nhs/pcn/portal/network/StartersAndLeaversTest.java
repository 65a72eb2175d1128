package uk.nhs.pcn.portal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.portal.view.Table;

/** Starters and leavers of the financial year up to the chosen date, from the appointments' dates. */
class StartersAndLeaversTest {

    static final LocalDate YEAR_START = LocalDate.of(2025, 4, 1);

    /** As workforce-service's /staff?asAt=2025-04-01 answers: those in post on 1 April. */
    static final JsonNode AT_YEAR_START = Json.of("""
            [{'id':'a1','staffReference':'CP-1','roleCode':'clinical-pharmacist','startDate':'2020-01-06',
              'endDate':'2025-08-31'},
             {'id':'a2','staffReference':'LW-1','roleCode':'social-prescribing-link-worker','startDate':'2021-03-01'},
             {'id':'a3','staffReference':'PA-1','roleCode':'paramedic','startDate':'2025-04-01',
              'endDate':'2026-02-28'}]""");

    /** As /staff?asAt=2025-12-01 answers: those in post on the chosen date. */
    static final JsonNode AT_DATE = Json.of("""
            [{'id':'a2','staffReference':'LW-1','roleCode':'social-prescribing-link-worker','startDate':'2021-03-01'},
             {'id':'a3','staffReference':'PA-1','roleCode':'paramedic','startDate':'2025-04-01',
              'endDate':'2026-02-28'},
             {'id':'a4','staffReference':'CP-2','roleCode':'clinical-pharmacist','startDate':'2025-09-15'},
             {'id':'a5','staffReference':'CC-1','roleCode':'care-coordinator','startDate':'2024-06-01',
              'endDate':'2025-12-01'}]""");

    @Test
    void theYearsStartersAndLeaversUpToTheChosenDateEachOnce() {
        StartersAndLeavers moves = StartersAndLeavers.of(List.of(AT_YEAR_START, AT_DATE), YEAR_START,
                LocalDate.of(2025, 12, 1));
        assertThat(moves.moves()).extracting(m -> m.staffReference() + (m.started() ? " started " : " left ")
                + m.date()).containsExactly("PA-1 started 2025-04-01", "CP-1 left 2025-08-31",
                        "CP-2 started 2025-09-15", "CC-1 left 2025-12-01");
        assertThat(moves.starters()).isEqualTo(2);
        assertThat(moves.leavers()).isEqualTo(2);
        Table table = moves.table(Map.of("clinical-pharmacist", "Clinical pharmacist"));
        assertThat(table.caption()).isEqualTo("Starters and leavers from 1 April 2025 to 1 December 2025");
        assertThat(table.rows().get(1)).extracting(Table.Cell::text).containsExactly("CP-1", "Clinical pharmacist",
                "Left (last day in post)", "31 August 2025");
        assertThat(table.rows().get(3).get(1).text()).isEqualTo("care-coordinator");
    }

    @Test
    void anEarlierDateShowsNeitherLaterStartersNorLaterLeavers() {
        StartersAndLeavers moves = StartersAndLeavers.of(List.of(AT_YEAR_START, AT_DATE), YEAR_START,
                LocalDate.of(2025, 6, 30));
        // The paramedic leaves in February 2026 and the second pharmacist starts in September: not yet.
        assertThat(moves.moves()).extracting(m -> m.staffReference() + (m.started() ? " started" : " left"))
                .containsExactly("PA-1 started");
    }
}
