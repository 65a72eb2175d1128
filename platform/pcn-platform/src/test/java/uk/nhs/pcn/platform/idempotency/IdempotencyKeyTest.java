package uk.nhs.pcn.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.platform.problem.Problem;
import uk.nhs.pcn.platform.problem.ProblemException;

class IdempotencyKeyTest {

    @Test
    void noHeaderIsNoKey() {
        assertThat(IdempotencyKey.fromHeader(null)).isEmpty();
        assertThat(IdempotencyKey.fromHeader(List.of())).isEmpty();
    }

    @Test
    void aQuotedStringAndTheBareFormAreTheSameKey() {
        String uuid = "8e03978e-40d5-43e8-bc93-6894a57f9324";
        assertThat(IdempotencyKey.fromHeader(List.of("\"" + uuid + "\""))).contains(new IdempotencyKey(uuid));
        assertThat(IdempotencyKey.fromHeader(List.of(uuid))).contains(new IdempotencyKey(uuid));
        assertThat(IdempotencyKey.fromHeader(List.of("  " + uuid + "\t"))).contains(new IdempotencyKey(uuid));
        assertThat(IdempotencyKey.fromHeader(List.of("\"a \\\"quoted\\\" \\\\ key\"")))
                .contains(new IdempotencyKey("a \"quoted\" \\ key"));
        assertThat(IdempotencyKey.fromHeader(List.of("x".repeat(255)))).isPresent();
    }

    @Test
    void aKeyTooLongEmptyWithControlOrNonAsciiCharactersOrSentTwiceIsRefusedNamingTheHeaderAndRule() {
        assertRefused(List.of("x".repeat(256)), IdempotencyKey.RULE_LENGTH, "256 characters");
        assertRefused(List.of("\"" + "x".repeat(256) + "\""), IdempotencyKey.RULE_LENGTH, "at most 255");
        assertRefused(List.of(""), IdempotencyKey.RULE_LENGTH, "empty");
        assertRefused(List.of("\"\""), IdempotencyKey.RULE_LENGTH, "empty");
        assertRefused(List.of("abc\tdef"), IdempotencyKey.RULE_CHARACTERS, "U+0009");
        assertRefused(List.of("abc\u0000"), IdempotencyKey.RULE_CHARACTERS, "U+0000");
        assertRefused(List.of("caf\u00e9"), IdempotencyKey.RULE_CHARACTERS, "U+00E9");
        assertRefused(List.of("del\u007f"), IdempotencyKey.RULE_CHARACTERS, "U+007F");
        assertRefused(List.of("a", "a"), IdempotencyKey.RULE_SINGLE, "2 times");
        assertRefused(List.of("\"open"), IdempotencyKey.RULE_SYNTAX, "does not close");
        assertRefused(List.of("\"a\"b"), IdempotencyKey.RULE_SYNTAX, "after its closing quote");
        assertRefused(List.of("\"a\\n\""), IdempotencyKey.RULE_SYNTAX, "may only escape");
    }

    private static void assertRefused(List<String> header, String rule, String message) {
        assertThatThrownBy(() -> IdempotencyKey.fromHeader(header)).isInstanceOfSatisfying(ProblemException.class,
                e -> {
                    Problem p = e.toProblem("/x");
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.errors()).singleElement().satisfies(f -> {
                        assertThat(f.field()).isEqualTo("Idempotency-Key");
                        assertThat(f.rule()).isEqualTo(rule);
                        assertThat(f.message()).contains(message);
                    });
                });
    }
}
