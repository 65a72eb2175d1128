package uk.nhs.pcn.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Bearer tokens already verified, so that a token's RSA signature is checked once per token rather than once per
 * request (a client sends the same token for minutes or hours; verifying it was about a fifth of a write's CPU).
 * <ul>
 * <li>Keyed by the SHA-256 of the raw token: the cache never holds a usable token, and a token differing in any
 * byte (a tampered payload or signature) is a different key, so it is verified in full.</li>
 * <li>Only a token the verifier accepted is stored; a refused one is refused again, each time, by the verifier.</li>
 * <li>An entry is used only while the clock is before the token's {@code exp} (and before {@code iat} plus the
 * maximum token age, when one is configured). From then on the verifier decides again, with its own clock skew
 * allowance, and a token it accepts there is not cached (its entry would already have ended). So a cached answer
 * is never more lenient than the verifier's.</li>
 * <li>Bounded: at most {@code maxEntries} tokens, the least recently used leaving first.</li>
 * </ul>
 * A verifier key that changes (rotation) does not revoke a token already verified with the old key before its
 * {@code exp}; this is the same trade a stateless JWT makes everywhere else.
 */
public final class VerifiedTokens {

    /** Verifies a raw token in full (signature, issuer, expiry, ...), or throws. */
    @FunctionalInterface
    public interface Verifier {
        JsonWebToken verify(String rawToken) throws ParseException;
    }

    private record Entry(JsonWebToken token, long notAfterEpochSecond) {
    }

    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry> entries;

    /**
     * @param maxEntries how many verified tokens to keep; 0 keeps none (every request is verified in full)
     * @param clock the clock that decides when an entry has ended
     */
    public VerifiedTokens(int maxEntries, Clock clock) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must be >= 0");
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > VerifiedTokens.this.maxEntries;
            }
        };
    }

    /**
     * The verified token: from the cache while its entry lasts, otherwise from {@code verifier} (and then cached
     * if accepted).
     *
     * @param maxAgeSeconds the configured maximum token age ({@code mp.jwt.verify.token.age}), or null
     * @throws ParseException when the verifier refuses the token
     */
    public JsonWebToken verify(String rawToken, Verifier verifier, Long maxAgeSeconds) throws ParseException {
        if (maxEntries == 0) {
            return verifier.verify(rawToken);
        }
        String key = sha256(rawToken);
        long now = clock.instant().getEpochSecond();
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry != null) {
                if (now < entry.notAfterEpochSecond) {
                    return entry.token;
                }
                entries.remove(key);
            }
        }
        JsonWebToken verified = verifier.verify(rawToken);
        long notAfter = notAfter(verified, maxAgeSeconds);
        if (now < notAfter) {
            synchronized (entries) {
                entries.put(key, new Entry(verified, notAfter));
            }
        }
        return verified;
    }

    /** How many tokens are held now (ended entries included until they are next looked up or pushed out). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Forgets every token. */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    /** The first second at which the cached answer must no longer be used; 0 (never cached) without an exp. */
    private static long notAfter(JsonWebToken token, Long maxAgeSeconds) {
        long exp = token.getExpirationTime();
        if (exp <= 0) {
            return 0;
        }
        if (maxAgeSeconds != null) {
            long iat = token.getIssuedAtTime();
            if (iat <= 0) {
                return 0;
            }
            return Math.min(exp, iat + maxAgeSeconds);
        }
        return exp;
    }

    private static String sha256(String rawToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawToken.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
