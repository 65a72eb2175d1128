package uk.nhs.pcn.referral.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    private static final String KEY = "a-test-key-of-more-than-thirty-two-bytes-0001";
    private static final NhsNumber PERSON = NhsNumber.parse("9434765919");

    @Test
    void theSamePersonAlwaysGetsTheSamePseudonym() {
        Pseudonymiser pseudonymiser = Pseudonymiser.withKey(KEY);
        assertThat(pseudonymiser.pseudonym(PERSON)).isEqualTo(pseudonymiser.pseudonym(NhsNumber.parse("943 476 5919")))
                .isEqualTo(Pseudonymiser.withKey(KEY).pseudonym(PERSON));
    }

    @Test
    void isTheHexHmacSha256OfTheTenDigits() {
        // HMAC-SHA256(key, "9434765919"), worked out independently (openssl dgst -sha256 -hmac KEY)
        assertThat(Pseudonymiser.withKey(KEY).pseudonym(PERSON))
                .isEqualTo("894d67e2c24344d1b4a8c194a7350d951f60de582a41da86fb2a0d8c0dffb0be");
    }

    @Test
    void isSixtyFourLowercaseHexCharactersThatDoNotContainTheNumber() {
        String pseudonym = Pseudonymiser.withKey(KEY).pseudonym(PERSON);
        assertThat(pseudonym).hasSize(64).matches("[0-9a-f]{64}").doesNotContain("9434765919")
                .doesNotContain("943").doesNotContain("5919");
    }

    @Test
    void differsPerPersonAndPerKey() {
        Pseudonymiser pseudonymiser = Pseudonymiser.withKey(KEY);
        assertThat(pseudonymiser.pseudonym(PERSON))
                .isNotEqualTo(pseudonymiser.pseudonym(NhsNumber.parse("9990000115")));
        assertThat(Pseudonymiser.withKey(KEY + "x").pseudonym(PERSON)).isNotEqualTo(pseudonymiser.pseudonym(PERSON));
    }

    @Test
    void refusesAKeyShorterThan32BytesWithoutShowingIt() {
        String shortKey = "only-thirty-one-bytes-long-key!";
        assertThat(shortKey).hasSize(31);
        assertThatThrownBy(() -> Pseudonymiser.withKey(shortKey)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pcn.referral.pseudonym-key").hasMessageContaining("at least 32 bytes")
                .hasMessageContaining("31 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> Pseudonymiser.withKey(null)).hasMessageContaining("0 bytes");
        assertThat(Pseudonymiser.withKey(shortKey + "x").pseudonym(PERSON)).hasSize(64);
    }
}
