package uk.nhs.pcn.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.registry.imports.EpcnImportPlan.NetworkState;
import uk.nhs.pcn.registry.imports.EpcnImportPlan.PracticeState;
import uk.nhs.pcn.registry.imports.EpcnImportPlan.SpellState;

class EpcnImportPlanTest {

    static final LocalDate OCT = LocalDate.of(2019, 10, 1);
    static final LocalDate EFFECTIVE = LocalDate.of(2020, 4, 1);

    static EpcnFile.NetworkRow network(String code, String name, LocalDate close) {
        return new EpcnFile.NetworkRow(2, code, name, "00C", OCT, close, null);
    }

    static EpcnFile.MembershipRow member(String practice, String network, LocalDate start, LocalDate end) {
        return new EpcnFile.MembershipRow(2, practice, "SURGERY " + practice, "00C", network, start, end);
    }

    @Test
    void theFileAgainstAnEmptyRegistryRegistersEverything() {
        EpcnFile file = new EpcnFile(List.of(network("U00001", "ONE PCN", null)),
                List.of(member("A00001", "U00001", OCT, null), member("A00002", "U00001", OCT, null)));
        EpcnImportPlan plan = EpcnImportPlan.of(file, Map.of(), Map.of(), List.of(), EFFECTIVE);
        assertThat(plan.newNetworks()).hasSize(1);
        assertThat(plan.newPractices()).hasSize(2);
        assertThat(plan.joins()).hasSize(2);
        assertThat(plan.spellEnds()).isEmpty();
    }

    @Test
    void theSameFileAgainstTheStateItProducedIsAnEmptyPlan() {
        EpcnFile file = new EpcnFile(List.of(network("U00001", "ONE PCN", null)),
                List.of(member("A00001", "U00001", OCT, null)));
        EpcnImportPlan plan = EpcnImportPlan.of(file,
                Map.of("U00001", new NetworkState("U00001", "ONE PCN", "00C", OCT, null, null)),
                Map.of("A00001", new PracticeState("A00001", "SURGERY A00001", "00C")),
                List.of(new SpellState(1, "A00001", "U00001", OCT, null)), EFFECTIVE);
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void aRenameAClosureAndAMoveAreTheOnlyChanges() {
        LocalDate march = LocalDate.of(2020, 3, 31);
        EpcnFile file = new EpcnFile(
                List.of(network("U00001", "ONE PCN RENAMED", null), network("U00002", "TWO PCN", march)),
                List.of(member("A00001", "U00002", OCT, march), member("A00001", "U00001", EFFECTIVE, null)));
        EpcnImportPlan plan = EpcnImportPlan.of(file,
                Map.of("U00001", new NetworkState("U00001", "ONE PCN", "00C", OCT, null, null),
                        "U00002", new NetworkState("U00002", "TWO PCN", "00C", OCT, null, null)),
                Map.of("A00001", new PracticeState("A00001", "SURGERY A00001", "00C")),
                List.of(new SpellState(7, "A00001", "U00002", OCT, null)), EFFECTIVE);
        assertThat(plan.renames()).singleElement().extracting(EpcnImportPlan.Rename::name)
                .isEqualTo("ONE PCN RENAMED");
        assertThat(plan.closures()).singleElement().extracting(EpcnImportPlan.Closure::closeDate).isEqualTo(march);
        assertThat(plan.spellEnds()).singleElement().satisfies(e -> {
            assertThat(e.spell().id()).isEqualTo(7);
            assertThat(e.newEnd()).isEqualTo(march);
        });
        assertThat(plan.joins()).singleElement().extracting(EpcnFile.MembershipRow::networkCode).isEqualTo("U00001");
        assertThat(plan.newNetworks()).isEmpty();
        assertThat(plan.newPractices()).isEmpty();
    }

    @Test
    void aCurrentMembershipTheFileNoLongerListsEndsTheDayBeforeTheNextSpellOrTheEffectiveDate() {
        EpcnFile file = new EpcnFile(List.of(network("U00001", "ONE PCN", null), network("U00002", "TWO PCN", null)),
                List.of(member("A00001", "U00002", LocalDate.of(2020, 2, 1), null)));
        EpcnImportPlan plan = EpcnImportPlan.of(file,
                Map.of("U00001", new NetworkState("U00001", "ONE PCN", "00C", OCT, null, null),
                        "U00002", new NetworkState("U00002", "TWO PCN", "00C", OCT, null, null)),
                Map.of("A00001", new PracticeState("A00001", "SURGERY A00001", "00C"),
                        "A00009", new PracticeState("A00009", "GONE", "00C")),
                List.of(new SpellState(1, "A00001", "U00001", OCT, null),
                        new SpellState(2, "A00009", "U00001", OCT, null)),
                EFFECTIVE);
        assertThat(plan.spellEnds()).extracting(e -> e.spell().practiceCode() + " " + e.newEnd())
                .containsExactly("A00001 2020-01-31", "A00009 2020-03-31");
    }

    @Test
    void aFileListingAsCurrentASpellAnImportEndedOrAsOpenANetworkItClosedIsOlder() {
        LocalDate march = LocalDate.of(2020, 3, 31);
        EpcnFile older = new EpcnFile(List.of(network("U00001", "ONE PCN", null), network("U00002", "TWO PCN", null)),
                List.of(member("A00001", "U00001", OCT, null), member("A00002", "U00002", OCT, null),
                        member("A00003", "U00002", OCT, null)));
        Map<String, NetworkState> networks = Map.of(
                "U00001", new NetworkState("U00001", "ONE PCN", "00C", OCT, null, null, null),
                "U00002", new NetworkState("U00002", "TWO PCN", "00C", OCT, march, null, 41L));
        List<SpellState> spells = List.of(new SpellState(1, "A00001", "U00001", OCT, null, null),
                new SpellState(2, "A00002", "U00002", OCT, march, 41L),
                // Ended through the API: the national file may correct it, so it is no evidence of age.
                new SpellState(3, "A00003", "U00002", OCT, march, null));

        assertThat(OlderFile.evidence(older, networks, spells))
                .extracting(e -> e.sheet() + " row " + e.row() + ": " + e.message() + " [" + e.importRun() + "]")
                .containsExactly(
                        "PCN Details row 2: PCN U00002 is open in this file; an import closed it on 2020-03-31 [41]",
                        "PCN Core Partner Details row 2: Practice A00002's membership of U00002 from 2019-10-01 is "
                                + "current in this file; an import ended it on 2020-03-31 [41]");

        // The file that did the ending, or one giving another end date (a correction), is not older.
        EpcnFile same = new EpcnFile(List.of(network("U00002", "TWO PCN", march)),
                List.of(member("A00002", "U00002", OCT, march)));
        EpcnFile corrected = new EpcnFile(List.of(network("U00002", "TWO PCN", LocalDate.of(2020, 6, 30))),
                List.of(member("A00002", "U00002", OCT, LocalDate.of(2020, 6, 30))));
        assertThat(OlderFile.evidence(same, networks, spells)).isEmpty();
        assertThat(OlderFile.evidence(corrected, networks, spells)).isEmpty();
    }

    @Test
    void endingMoreThanTheShareOrEveryMembershipOfACommissionerNeedsConfirming() {
        List<SpellState> spells = new java.util.ArrayList<>();
        java.util.Map<String, NetworkState> networks = new java.util.HashMap<>();
        networks.put("U00001", new NetworkState("U00001", "ONE PCN", "00C", OCT, null, null));
        networks.put("U00002", new NetworkState("U00002", "TWO PCN", "01A", OCT, null, null));
        List<EpcnFile.MembershipRow> listed = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String practice = String.format("A%05d", i);
            spells.add(new SpellState(i, practice, "U00001", OCT, null));
            listed.add(member(practice, "U00001", OCT, null));
        }
        spells.add(new SpellState(100, "B00001", "U00002", OCT, null));
        spells.add(new SpellState(101, "B00002", "U00002", OCT, null));
        List<EpcnFile.NetworkRow> both = List.of(network("U00001", "ONE PCN", null),
                new EpcnFile.NetworkRow(3, "U00002", "TWO PCN", "01A", OCT, null, null));

        // The whole picture: nothing ends.
        List<EpcnFile.MembershipRow> all = new java.util.ArrayList<>(listed);
        all.add(member("B00001", "U00002", OCT, null));
        all.add(member("B00002", "U00002", OCT, null));
        MembershipEndings none = endings(new EpcnFile(both, all), networks, spells);
        assertThat(none.ending()).isZero();
        assertThat(none.current()).isEqualTo(42);
        assertThat(none.needConfirming(0.05)).isFalse();

        // Two of 42 (under 5%), but they are all of commissioner 01A's.
        MembershipEndings emptied = endings(new EpcnFile(both, listed), networks, spells);
        assertThat(emptied.ending()).isEqualTo(2);
        assertThat(emptied.emptied()).containsExactly(Map.entry("01A", 2));
        assertThat(emptied.needConfirming(0.05)).isTrue();

        // Three of 42 (over 5%), no commissioner emptied; under a 10% share it would pass.
        List<EpcnFile.MembershipRow> fewer = new java.util.ArrayList<>(all.subList(3, all.size()));
        MembershipEndings share = endings(new EpcnFile(both, fewer), networks, spells);
        assertThat(share.ending()).isEqualTo(3);
        assertThat(share.emptied()).isEmpty();
        assertThat(share.needConfirming(0.05)).isTrue();
        assertThat(share.needConfirming(0.10)).isFalse();

        // A header-only file ends them all.
        MembershipEndings truncated = endings(new EpcnFile(List.of(), List.of()), networks, spells);
        assertThat(truncated.ending()).isEqualTo(42);
        assertThat(truncated.emptied()).containsOnlyKeys("00C", "01A");
    }

    @Test
    void aPlanThatWouldLeaveAPracticeInTwoNetworksOnOneDayNamesThePracticeAndBothSpells() {
        LocalDate june = LocalDate.of(2020, 6, 1);
        // The registry moved A00001 to U00002 from June through the API; the national file still has it in U00001.
        EpcnFile file = new EpcnFile(List.of(network("U00001", "ONE PCN", null), network("U00002", "TWO PCN", null)),
                List.of(member("A00001", "U00001", OCT, null)));
        List<SpellState> spells = List.of(new SpellState(1, "A00001", "U00001", OCT, june.minusDays(1)),
                new SpellState(2, "A00001", "U00002", june, null));
        EpcnImportPlan plan = EpcnImportPlan.of(file,
                Map.of("U00001", new NetworkState("U00001", "ONE PCN", "00C", OCT, null, null),
                        "U00002", new NetworkState("U00002", "TWO PCN", "00C", OCT, null, null)),
                Map.of("A00001", new PracticeState("A00001", "SURGERY A00001", "00C")), spells,
                LocalDate.of(2020, 1, 1));

        assertThat(plan.overlaps(spells)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("PCN Core Partner Details");
            assertThat(p.rule()).isEqualTo("overlapping-membership");
            assertThat(p.row()).isEqualTo(2);
            assertThat(p.message()).isEqualTo("Practice A00001 would be a member of U00001 from 2019-10-01 (current)"
                    + " and of U00002 from 2020-06-01 to 2020-06-01, which overlap. A practice belongs to at most"
                    + " one network on any day.");
        });
        assertThat(EpcnImportPlan.of(file, Map.of(), Map.of(), List.of(), LocalDate.of(2020, 1, 1))
                .overlaps(List.of())).isEmpty();
    }

    private static MembershipEndings endings(EpcnFile file, Map<String, NetworkState> networks,
            List<SpellState> spells) {
        EpcnImportPlan plan = EpcnImportPlan.of(file, networks, Map.of(), spells, EFFECTIVE);
        return MembershipEndings.of(plan, file, networks, spells);
    }
}
