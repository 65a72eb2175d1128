package uk.nhs.pcn.testsupport;

import java.time.Duration;
import java.util.List;

/** Bearer tokens for tests, signed with the key the test resources configured the service to trust. */
public final class TestTokens {

    private static JwtSigner signer;

    private TestTokens() {
    }

    static synchronized JwtSigner signer() {
        if (signer == null) {
            signer = JwtSigner.generate();
        }
        return signer;
    }

    private static String publicKeyLocation;

    /** A file URI of the public key that verifies these tokens, for a service under test to trust. */
    public static synchronized String publicKeyLocation() {
        if (publicKeyLocation == null) {
            publicKeyLocation = signer().writePublicKeyToTempFile().toUri().toString();
        }
        return publicKeyLocation;
    }

    private static java.nio.file.Path keyDirectory;

    /**
     * A temporary directory holding this run's key pair as {@code jwt-private.pem} and {@code jwt-public.pem}, the
     * layout of {@code .pcn/jwt}: for the portal under test, whose development sign-in signs with it.
     */
    public static synchronized java.nio.file.Path keyDirectory() {
        if (keyDirectory == null) {
            try {
                keyDirectory = signer().writeKeyPair(java.nio.file.Files.createTempDirectory("pcn-jwt-"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return keyDirectory;
    }

    public static String commissioner() {
        return token(List.of("commissioner"), List.of());
    }

    public static String pcnManager(String... networks) {
        return token(List.of("pcn-manager"), List.of(networks));
    }

    /** An ICB finance analyst: reads every network's payments. */
    public static String finance() {
        return token(List.of("finance"), List.of());
    }

    public static String viewer() {
        return token(List.of("viewer"), List.of());
    }

    /** A social prescribing link worker of the networks; {@code user} is the token subject (the acting user). */
    public static String linkWorker(String user, String... networks) {
        return signer().token(user, List.of("link-worker"), List.of(networks), Duration.ofHours(1));
    }

    /**
     * A link worker who is the holder of the networks' appointments with this staff reference (the {@code pcn_staff}
     * claim): their own caseload is the referrals assigned to those appointments.
     */
    public static String linkWorkerWithStaffReference(String user, String staffReference, String... networks) {
        return signer().token(user, List.of("link-worker"), List.of(networks), List.of(), List.of(staffReference),
                Duration.ofHours(1));
    }

    /** Practice staff who refer for the given practices. */
    public static String referrer(String user, String... practices) {
        return signer().token(user, List.of("referrer"), List.of(), List.of(practices), Duration.ofHours(1));
    }

    /** A network's information governance lead. */
    public static String igLead(String user, String... networks) {
        return signer().token(user, List.of("ig-lead"), List.of(networks), Duration.ofHours(1));
    }

    public static String token(List<String> roles, List<String> networks) {
        return signer().token("test-user", roles, networks, Duration.ofHours(1));
    }

    /**
     * A token with any roles, networks and practices, signed with the key the services trust; a negative lifetime
     * gives one that expired that long ago.
     */
    public static String token(String subject, List<String> roles, List<String> networks, List<String> practices,
            Duration lifetime) {
        return signer().token(subject, roles, networks, practices, lifetime);
    }

    /** The {@code Authorization} header value. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
