package uk.nhs.pcn.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;

import uk.nhs.pcn.devtokens.DevTokenSigner;

/**
 * Signs bearer tokens the services accept: RS256, issuer {@value #ISSUER}, roles in {@code groups}, networks in
 * {@code pcn_networks}. For tests and local development only; production tokens come from the NHS identity
 * provider, whose public key the services are configured with. The signing itself is {@link DevTokenSigner}
 * (platform/pcn-dev-tokens), which the portal's local sign-in page uses too.
 */
public final class JwtSigner {

    public static final String ISSUER = DevTokenSigner.ISSUER;

    private final DevTokenSigner signer;

    private JwtSigner(DevTokenSigner signer) {
        this.signer = signer;
    }

    public static JwtSigner generate() {
        return new JwtSigner(DevTokenSigner.generate());
    }

    /** Loads the key pair kept in {@code dir}, creating it on first use. */
    public static JwtSigner inDirectory(Path dir) {
        return new JwtSigner(DevTokenSigner.inDirectory(dir));
    }

    /** Writes this key pair into {@code dir} as {@link #inDirectory} reads it (for another process to sign with). */
    public Path writeKeyPair(Path dir) {
        return signer.writeKeyPair(dir);
    }

    public Path writePublicKey(Path file) {
        return signer.writePublicKey(file);
    }

    public Path writePublicKeyToTempFile() {
        return signer.writePublicKeyToTempFile();
    }

    public String token(String subject, Collection<String> roles, Collection<String> networks, Duration lifetime) {
        return signer.token(subject, roles, networks, lifetime);
    }

    /** A token that also names GP practices ({@code pcn_practices}), as a referrer's does. */
    public String token(String subject, Collection<String> roles, Collection<String> networks,
            Collection<String> practices, Duration lifetime) {
        return signer.token(subject, roles, networks, practices, lifetime);
    }

    /** A token that also names the holder's own staff references ({@code pcn_staff}). */
    public String token(String subject, Collection<String> roles, Collection<String> networks,
            Collection<String> practices, Collection<String> staffReferences, Duration lifetime) {
        return signer.token(subject, roles, networks, practices, staffReferences, lifetime);
    }
}
