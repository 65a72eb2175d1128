package uk.nhs.pcn.referral.person;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;

/**
 * Turns an NHS number into the person's pseudonym: the lowercase hex HMAC-SHA256 of the ten digits under the
 * platform's secret key ({@code pcn.referral.pseudonym-key}). The same person always gets the same pseudonym, so
 * events and reports can count people and follow them across referrals, but nobody without the key can find the
 * number from it (ten digits are few enough to try them all, which is why it is keyed rather than a plain hash).
 * <p>
 * The service refuses to start with a key shorter than 32 bytes.
 */
@ApplicationScoped
@Startup
public class Pseudonymiser {

    /** The shortest key accepted, in bytes (UTF-8): the length of the HMAC-SHA256 output. */
    public static final int MINIMUM_KEY_BYTES = 32;

    static final String KEY_PROPERTY = "pcn.referral.pseudonym-key";

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public Pseudonymiser(@ConfigProperty(name = KEY_PROPERTY) String key) {
        this.key = keyFrom(key);
    }

    /** A pseudonymiser with the given secret, outside CDI (tests, tools). */
    public static Pseudonymiser withKey(String key) {
        return new Pseudonymiser(key);
    }

    /** The person's pseudonym: 64 lowercase hex characters. */
    public String pseudonym(NhsNumber nhsNumber) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(nhsNumber.value().getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static SecretKeySpec keyFrom(String secret) {
        int length = secret == null ? 0 : secret.getBytes(StandardCharsets.UTF_8).length;
        if (length < MINIMUM_KEY_BYTES) {
            throw new IllegalStateException(KEY_PROPERTY + " must be a secret of at least " + MINIMUM_KEY_BYTES
                    + " bytes, the same for every service that pseudonymises people (this one is " + length
                    + " bytes); generate one with: openssl rand -base64 48");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }
}
