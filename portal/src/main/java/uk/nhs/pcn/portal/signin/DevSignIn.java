package uk.nhs.pcn.portal.signin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.consumer.InvalidJwtException;

import uk.nhs.pcn.devtokens.DevTokenSigner;

/**
 * The development sign-in: signs the same tokens as {@code ./pcn token}, with the key pair the local services trust
 * ({@code .pcn/jwt}). Enabled only in the local, dev and test profiles ({@code pcn.portal.dev-sign-in.enabled});
 * in production the page does not exist and sign-in is OpenID Connect.
 */
@ApplicationScoped
public class DevSignIn {

    public static final String COOKIE = "pcn-dev-session";
    static final Duration LIFETIME = Duration.ofHours(12);

    @ConfigProperty(name = "pcn.portal.dev-sign-in.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "pcn.portal.dev-sign-in.key-dir")
    Optional<String> keyDir;

    private volatile DevTokenSigner signer;

    public boolean enabled() {
        return enabled;
    }

    String sign(String subject, Collection<String> roles, Collection<String> networks,
            Collection<String> staffReferences) {
        return signer().token(subject, roles, networks, List.of(), staffReferences, LIFETIME);
    }

    Optional<String> verify(String token) {
        try {
            signer().verify(token);
            return Optional.of(token);
        } catch (InvalidJwtException e) {
            return Optional.empty();
        }
    }

    private DevTokenSigner signer() {
        if (!enabled) {
            throw new IllegalStateException("The development sign-in is disabled");
        }
        if (signer == null) {
            synchronized (this) {
                if (signer == null) {
                    signer = DevTokenSigner.inDirectory(Path.of(keyDir.orElse(".pcn/jwt")));
                }
            }
        }
        return signer;
    }
}
