package uk.nhs.pcn.portal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.portal.view.Table;

/** The DES populations: each member's figures at 1 January before the year, never an older or later one. */
class PopulationsTest {

    static final LocalDate AS_AT = LocalDate.of(2026, 11, 26);
    static final LocalDate JAN = LocalDate.of(2026, 1, 1);

    /** The registry's network as at the chosen date: three members, their latest list sizes that day. */
    static final JsonNode NOW = Json.of("""
            {'code':'U10001','asAt':'2026-11-26','name':'North PCN','population':{'registeredPatients':31000},
             'members':[
              {'practiceCode':'A10001','practiceName':'Able Surgery','from':'2019-07-01',
               'listSize':{'asAt':'2026-10-01','registeredPatients':12500,'weightedPopulation':13000.4}},
              {'practiceCode':'B10002','practiceName':'Brook Surgery','from':'2019-07-01',
               'listSize':{'asAt':'2025-01-01','registeredPatients':8000}},
              {'practiceCode':'C10003','practiceName':'Castle Surgery','from':'2026-06-01',
               'listSize':{'asAt':'2026-09-01','registeredPatients':10500}}]}""");

    /** The same network as at 1 January 2026: Castle joined later; Brook's latest figure is a year old. */
    static final JsonNode THEN = Json.of("""
            {'code':'U10001','asAt':'2026-01-01','population':{'registeredPatients':20000},
             'members':[
              {'practiceCode':'A10001','practiceName':'Able Surgery','from':'2019-07-01',
               'listSize':{'asAt':'2026-01-01','registeredPatients':12000,'weightedPopulation':12600.5,
                           'adjustedPopulation':12100}},
              {'practiceCode':'B10002','practiceName':'Brook Surgery','from':'2019-07-01',
               'listSize':{'asAt':'2025-01-01','registeredPatients':8000}}]}""");

    /** Castle's own list sizes (newest first): the one on 15 December 2025 is its figure at 1 January 2026. */
    static final JsonNode CASTLE_SIZES = Json.of("""
            [{'asAt':'2026-09-01','registeredPatients':10500},
             {'asAt':'2025-12-15','registeredPatients':10000,'weightedPopulation':9800,'adjustedPopulation':9900}]""");

    @Test
    void thePopulationDateIsThe1JanuaryBeforeTheFinancialYear() {
        assertThat(Populations.populationDate(LocalDate.of(2026, 11, 26))).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(Populations.populationDate(LocalDate.of(2026, 4, 1))).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(Populations.populationDate(LocalDate.of(2026, 3, 31))).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(Populations.populationDate(LocalDate.of(2026, 2, 10))).isEqualTo(LocalDate.of(2025, 1, 1));
    }

    @Test
    void eachMemberTakesItsFigureAt1JanuaryAndAFigureMoreThanAYearOldIsNotAvailable() {
        assertThat(Populations.joinedSince(NOW, THEN)).containsExactly("C10003");
        Populations p = Populations.of(NOW, THEN, Map.of("C10003", CASTLE_SIZES), JAN);

        assertThat(p.members()).extracting(m -> m.figure().map(Populations.Figure::registered).orElse(null))
                .containsExactly(12000L, null, 10000L);
        // Not the October figure of the chosen date, and not Castle's September one: the ones at 1 January.
        assertThat(p.members().get(0).figure().get().asAt()).isEqualTo(JAN);
        assertThat(p.members().get(2).figure().get().asAt()).isEqualTo(LocalDate.of(2025, 12, 15));
        // Brook's figure of 1 January 2025 is not its population at 1 January 2026: said, never guessed.
        assertThat(p.members().get(1).missing()).isEqualTo(
                "no list size recorded in the year to 1 January 2026 (the latest before it is of 1 January 2025)");
        assertThat(p.registered()).isEmpty();
        assertThat(p.weighted()).isEmpty();
        assertThat(p.lacking(Populations.Figure::adjusted)).containsExactly("B10002");
    }

    @Test
    void theMembersTableGivesThe1JanuaryFiguresTheirSharesAndTheLatestListSizeAsAtTheDate() {
        JsonNode thenComplete = Json.of("""
                {'code':'U10001','members':[
                  {'practiceCode':'A10001','listSize':{'asAt':'2026-01-01','registeredPatients':12000,
                   'weightedPopulation':12600.5,'adjustedPopulation':12100}},
                  {'practiceCode':'B10002','listSize':{'asAt':'2025-11-01','registeredPatients':8000,
                   'weightedPopulation':8400,'adjustedPopulation':8050}}]}""");
        Populations p = Populations.of(NOW, thenComplete, Map.of("C10003", CASTLE_SIZES), JAN);
        assertThat(p.registered()).contains(30000L);
        assertThat(p.weighted()).contains(new BigDecimal("30800.5"));
        assertThat(p.adjusted()).contains(new BigDecimal("30050"));

        Table table = p.membersTable(NOW, AS_AT, "2026/27");
        assertThat(table.caption()).isEqualTo("Member practices as at 26 November 2026, with their populations at "
                + "1 January 2026 (the population date of 2026/27)");
        assertThat(table.columns().get(3).heading()).isEqualTo("Registered patients at 1 January 2026");
        assertThat(table.rows().get(0)).extracting(Table.Cell::text).containsExactly("Able Surgery", "A10001",
                "1 July 2019", "12,000", "12,601", "12,100", "40.0%", "12,500 (of 1 October 2026)");
        assertThat(table.rows().get(2)).extracting(Table.Cell::text).contains("10,000", "33.3%");
        assertThat(table.footer()).extracting(Table.Cell::text).contains("30,000", "30,801", "30,050", "100%",
                "31,000");
        assertThat(p.sharesChart("Within the 30,000–50,000 guidance").summary()).startsWith(
                "3 member practices, 30,000 registered patients at 1 January 2026 in all.");
    }

    @Test
    void aMemberWithoutAFigureSaysWhyAndTheNetworkTotalIsNotGiven() {
        Table table = Populations.of(NOW, THEN, Map.of("C10003", CASTLE_SIZES), JAN).membersTable(NOW, AS_AT,
                "2026/27");
        List<Table.Cell> brook = table.rows().get(1);
        assertThat(brook.get(3).text()).isEqualTo("Not available: no list size recorded in the year to 1 January "
                + "2026 (the latest before it is of 1 January 2025)");
        assertThat(brook.get(4).text()).isEqualTo("Not available");
        assertThat(table.rows().get(0).get(6).text()).isEqualTo("Not available");
        assertThat(table.footer().get(3).text()).isEqualTo("Not available");
    }

    @Test
    void whenTheRegistryGaveNoFiguresForTheDateTheReasonSaysSo() {
        Populations p = Populations.of(NOW, null, Map.of(), JAN, "the registry did not answer");
        assertThat(p.members()).allSatisfy(m -> assertThat(m.missing()).isEqualTo("the registry did not answer"));
    }
}
