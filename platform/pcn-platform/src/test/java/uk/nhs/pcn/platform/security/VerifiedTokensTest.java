package uk.nhs.pcn.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/** The verified-token cache in front of smallrye-jwt's real RSA verification. */
class VerifiedTokensTest {

    static final String ISSUER = "urn:pcn:test";
    static final KeyPair KEYS = rsaKeys();

    /** smallrye-jwt's own parser, as the services use it, with no clock skew allowance. */
    final DefaultJWTParser smallrye = new DefaultJWTParser(context(0));
    final AtomicInteger verifications = new AtomicInteger();
    final VerifiedTokens.Verifier counting = raw -> {
        verifications.incrementAndGet();
        return smallrye.parse(raw);
    };

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() throws Exception {
        VerifiedTokens cache = new VerifiedTokens(10, Clock.systemUTC());
        String token = token("alice", List.of("commissioner"), Instant.now().plusSeconds(600));

        JsonWebToken first = cache.verify(token, counting, null);
        JsonWebToken second = cache.verify(token, counting, null);

        assertThat(verifications).hasValue(1);
        assertThat(second.getName()).isEqualTo("alice");
        assertThat(second.getGroups()).containsExactly("commissioner");
        assertThat(second).isSameAs(first);
    }

    @Test
    void anExpiredTokenIsRefusedEvenThoughItWasCachedWhileValid() throws Exception {
        VerifiedTokens cache = new VerifiedTokens(10, Clock.systemUTC());
        Instant exp = Instant.now().plusSeconds(2);
        String token = token("alice", List.of("commissioner"), exp);
        assertThat(cache.verify(token, counting, null).getName()).isEqualTo("alice");

        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(exp.plusMillis(1100)));

        assertThatThrownBy(() -> cache.verify(token, counting, null)).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void anEntryEndsAtTheTokensExpiryNotLater() throws Exception {
        Instant exp = Instant.now().plusSeconds(600);
        MutableClock clock = new MutableClock(exp.minusSeconds(1));
        VerifiedTokens cache = new VerifiedTokens(10, clock);
        String token = token("alice", List.of("commissioner"), exp);
        cache.verify(token, counting, null);
        cache.verify(token, counting, null);
        assertThat(verifications).as("a second before exp: the cached answer").hasValue(1);

        clock.now = exp;
        cache.verify(token, counting, null);
        assertThat(verifications).as("at exp: verified in full again").hasValue(2);
    }

    @Test
    void anEntryEndsAtTheMaximumTokenAgeWhenThatComesFirst() throws Exception {
        Instant iat = Instant.now();
        MutableClock clock = new MutableClock(iat.plusSeconds(59));
        VerifiedTokens cache = new VerifiedTokens(10, clock);
        String token = token("alice", List.of("commissioner"), iat.plusSeconds(600));
        cache.verify(token, counting, 60L);
        cache.verify(token, counting, 60L);
        assertThat(verifications).hasValue(1);

        clock.now = iat.plusSeconds(61);
        cache.verify(token, counting, 60L);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTamperedTokenIsRefusedAlthoughTheGenuineOneIsCached() throws Exception {
        VerifiedTokens cache = new VerifiedTokens(10, Clock.systemUTC());
        String genuine = token("alice", List.of("viewer"), Instant.now().plusSeconds(600));
        cache.verify(genuine, counting, null);

        // The same signature over a payload that now claims the commissioner role.
        String[] parts = genuine.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"viewer\"", "\"commissioner\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThatThrownBy(() -> cache.verify(tampered, counting, null)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.verify(tampered, counting, null)).isInstanceOf(ParseException.class);
        assertThat(verifications).as("the tampered token is verified in full each time").hasValue(3);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aTokenSignedByAnotherKeyIsNeverCached() throws Exception {
        VerifiedTokens cache = new VerifiedTokens(10, Clock.systemUTC());
        String forged = token(rsaKeys(), "mallory", List.of("commissioner"), Instant.now().plusSeconds(600));

        assertThatThrownBy(() -> cache.verify(forged, counting, null)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.verify(forged, counting, null)).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheHoldsAtMostItsMaximumLeastRecentlyUsedLeavingFirst() throws Exception {
        VerifiedTokens cache = new VerifiedTokens(3, Clock.systemUTC());
        Instant exp = Instant.now().plusSeconds(600);
        String a = token("a", List.of("viewer"), exp);
        String b = token("b", List.of("viewer"), exp);
        String c = token("c", List.of("viewer"), exp);
        String d = token("d", List.of("viewer"), exp);
        cache.verify(a, counting, null);
        cache.verify(b, counting, null);
        cache.verify(c, counting, null);
        cache.verify(a, counting, null); // a is now the most recently used; b the least
        cache.verify(d, counting, null);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(verifications).hasValue(4);

        cache.verify(a, counting, null);
        assertThat(verifications).as("a stayed").hasValue(4);
        cache.verify(b, counting, null);
        assertThat(verifications).as("b was pushed out, so verified again").hasValue(5);

        for (int i = 0; i < 50; i++) {
            cache.verify(token("user" + i, List.of("viewer"), exp), counting, null);
        }
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void sizeZeroVerifiesEveryTime() throws Exception {
        VerifiedTokens cache = new VerifiedTokens(0, Clock.systemUTC());
        String token = token("alice", List.of("commissioner"), Instant.now().plusSeconds(600));
        cache.verify(token, counting, null);
        cache.verify(token, counting, null);
        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    static JWTAuthContextInfo context(int clockSkewSeconds) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(KEYS.getPublic(), ISSUER);
        info.setClockSkew(clockSkewSeconds);
        return info;
    }

    static String token(String subject, List<String> groups, Instant exp) throws Exception {
        return token(KEYS, subject, groups, exp);
    }

    static String token(KeyPair keys, String subject, List<String> groups, Instant exp) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setGeneratedJwtId();
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(exp.getEpochSecond()));
        claims.setStringListClaim("groups", groups);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }

    static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
