package uk.nhs.pcn.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * referral-service's pseudonym key for local runs: the secret of the HMAC that turns an NHS number into the pseudonym
 * on {@code pcn.referral.v1}. The packaged service has no default and does not start without one, so {@code ./pcn up}
 * generates it once per checkout and keeps it in {@code .pcn/referral-service/} beside the development JWT key
 * (never committed: {@code .gitignore} leaves out {@code .pcn/}).
 * <p>
 * It must stay the same for as long as the local referral database is kept: a person's pseudonym is how the service
 * finds their open referral, and a new key would give everyone a new one.
 */
final class PseudonymKey {

    /** The variable referral-service reads it from. */
    static final String VARIABLE = "PCN_REFERRAL_PSEUDONYM_KEY";

    /** The service refuses a key shorter than this many bytes (UTF-8). */
    static final int MINIMUM_BYTES = 32;

    /** 48 random bytes: 64 characters of base64, as {@code openssl rand -base64 48} would give. */
    private static final int RANDOM_BYTES = 48;

    private PseudonymKey() {
    }

    /** The key kept in {@code dir}, made on first use. A kept key that is too short is an error, never replaced. */
    static String inDirectory(Path dir) {
        Path file = dir.resolve("pseudonym-key");
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (key.getBytes(StandardCharsets.UTF_8).length < MINIMUM_BYTES) {
                    throw new IllegalStateException(file + " holds a pseudonym key shorter than " + MINIMUM_BYTES
                            + " bytes. Delete it, and the pcn_referral database whose pseudonyms it made, to start"
                            + " afresh");
                }
                return key;
            }
            byte[] random = new byte[RANDOM_BYTES];
            new SecureRandom().nextBytes(random);
            String key = Base64.getEncoder().encodeToString(random);
            Files.createDirectories(dir);
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
