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
}
