package uk.nhs.pcn.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.platform.problem.ProblemException;

class TextCharactersTest {

    @Test
    void ordinaryTextTabsLineBreaksAndCharactersBeyondTheBasicPlaneMayBeStored() {
        assertThat(TextCharacters.allowed("Dr Ann O'Neill-Smith, Ærø; café ☕ 😀")).isTrue();
        assertThat(TextCharacters.allowed("first line\r\nsecond\tcolumn")).isTrue();
        assertThat(TextCharacters.allowed("")).isTrue();
        assertThat(TextCharacters.allowed(null)).isTrue();
    }

    @Test
    void nulLoneSurrogatesAndOtherControlCharactersAreRefusedAtTheirPosition() {
        assertThat(TextCharacters.firstRefused("ab\u0000c")).isEqualTo(2);
        assertThat(TextCharacters.firstRefused("\ud800")).isZero();
        assertThat(TextCharacters.firstRefused("a\udc00")).isEqualTo(1);
        assertThat(TextCharacters.firstRefused("x\ud83d")).isEqualTo(1); // a pair cut short
        assertThat(TextCharacters.firstRefused("\u0007bell")).isZero();
        assertThat(TextCharacters.firstRefused("del\u007f")).isEqualTo(3);
        assertThat(TextCharacters.firstRefused("c1\u0085")).isEqualTo(2);
        assertThat(TextCharacters.describe("ab\u0000c", 2)).isEqualTo("a NUL character (U+0000) at character 3");
    }

    @Test
    void requireIsA400NamingTheFieldAndTheRule() {
        assertThat(TextCharacters.require("name", "fine")).isEqualTo("fine");
        assertThatThrownBy(() -> TextCharacters.require("fileName", "a\u0000b"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toProblem("/x").errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("fileName");
                        assertThat(error.rule()).isEqualTo("text-characters");
                    });
                });
    }
}
