package uk.nhs.pcn.portal.signin;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * The signed-in user of this request: from the OpenID Connect session (production: quarkus-oidc's authorization code
 * flow keeps the provider's access token), or, where the local sign-in is enabled, from its cookie.
 */
@RequestScoped
public class Session {

    @Inject
    SecurityIdentity identity;

    @Inject
    RoutingContext request;

    @Inject
    DevSignIn devSignIn;

    private Optional<SignedInUser> user;

    public Optional<SignedInUser> user() {
        if (user == null) {
            user = resolve();
        }
        return user;
    }

    /** @throws NotSignedInException when nobody is signed in (the page then sends the browser to sign in) */
    public SignedInUser require() {
        return user().orElseThrow(() -> new NotSignedInException(request.request().uri()));
    }

    private Optional<SignedInUser> resolve() {
        if (identity != null && !identity.isAnonymous()) {
            AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
            if (access != null && access.getToken() != null) {
                try {
                    return Optional.of(TokenClaims.user(access.getToken()));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        if (devSignIn.enabled()) {
            Cookie cookie = request.request().getCookie(DevSignIn.COOKIE);
            if (cookie != null) {
                return devSignIn.verify(cookie.getValue()).map(TokenClaims::user);
            }
        }
        return Optional.empty();
    }
}
