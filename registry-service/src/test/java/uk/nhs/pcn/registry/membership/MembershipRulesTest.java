package uk.nhs.pcn.registry.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.platform.problem.ProblemException;

class MembershipRulesTest {

    static final LocalDate OPEN = LocalDate.of(2019, 7, 1);

    static Spell spell(String network, String start, String end) {
        return new Spell(network, LocalDate.parse(start), end == null ? null : LocalDate.parse(end));
    }

    @Test
    void spellsSharingOneDayOverlapButAdjacentOnesDoNot() {
        Spell first = spell("U00001", "2019-07-01", "2020-03-31");
        assertThat(first.overlaps(spell("U00002", "2020-03-31", null))).isTrue();
        assertThat(first.overlaps(spell("U00002", "2020-04-01", null))).isFalse();
        assertThat(spell("U00001", "2019-07-01", null).overlaps(spell("U00002", "2030-01-01", "2030-01-02"))).isTrue();
    }

    @Test
    void aConflictNamesTheExistingSpell() {
        List<Spell> existing = List.of(spell("U00001", "2019-07-01", "2020-03-31"));
        assertThatThrownBy(() -> MembershipRules.check("A00001", spell("U00002", "2020-01-01", null), existing, OPEN,
                null)).isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("U00001 from 2019-07-01 to 2020-03-31");
                });
        assertThatCode(() -> MembershipRules.check("A00001", spell("U00002", "2020-04-01", null), existing, OPEN,
                null)).doesNotThrowAnyException();
    }

    @Test
    void aSpellMustLieWithinTheNetworksOpenAndCloseDates() {
        assertThatThrownBy(() -> MembershipRules.check("A00001", spell("U00001", "2019-06-30", null), List.of(), OPEN,
                null)).hasMessageContaining("opens on 2019-07-01");
        LocalDate close = LocalDate.of(2024, 3, 31);
        assertThatThrownBy(() -> MembershipRules.check("A00001", spell("U00001", "2020-01-01", null), List.of(), OPEN,
                close)).hasMessageContaining("closes on 2024-03-31");
        assertThatCode(() -> MembershipRules.check("A00001", spell("U00001", "2020-01-01", "2024-03-31"), List.of(),
                OPEN, close)).doesNotThrowAnyException();
    }
}
