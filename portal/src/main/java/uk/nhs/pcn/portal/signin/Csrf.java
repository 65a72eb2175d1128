package uk.nhs.pcn.portal.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import uk.nhs.pcn.portal.pages.PageException;

/**
 * Cross-site request forgery protection of the portal's POST forms (sign-in, sign-out), by double submit: each
 * browser gets a random token in an HttpOnly, SameSite=Strict cookie ({@value #COOKIE}), every form carries the same
 * token in a hidden field ({@value #FIELD}, from {@code {inject:csrf.token}} in the templates), and a POST is
 * accepted only when the two are equal. Another site can make a browser post a form here but can neither read nor set
 * the cookie, so it cannot know the field's value. (Quarkus' quarkus-rest-csrf extension does the same, but no
 * version of it matching this Quarkus platform is in the package registry here.)
 * <p>
 * With OpenID Connect, quarkus-oidc itself ends the session at {@code /sign-out} before this check runs; the form still
 * carries the token.
 */
@Named("csrf")
@RequestScoped
public class Csrf {

    public static final String COOKIE = "pcn-csrf";
    public static final String FIELD = "csrf-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RoutingContext request;

    private String token;

    /** This browser's token: its cookie's, or a new one set as a cookie on this response. */
    public String token() {
        if (token == null) {
            Cookie cookie = request.request().getCookie(COOKIE);
            if (cookie != null && wellFormed(cookie.getValue())) {
                token = cookie.getValue();
            } else {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                request.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT));
            }
        }
        return token;
    }

    /** @throws PageException 403 unless the form's token is this browser's (the cookie's) */
    public void require(String formToken) {
        Cookie cookie = request.request().getCookie(COOKIE);
        if (cookie == null || formToken == null || !wellFormed(cookie.getValue()) || !MessageDigest.isEqual(
                cookie.getValue().getBytes(StandardCharsets.US_ASCII), formToken.getBytes(StandardCharsets.US_ASCII))) {
            throw new PageException(403, "This form cannot be sent", "The form was not sent from this site's own "
                    + "page, or the page is too old. Go back, reload the page and try again.");
        }
    }

    private static boolean wellFormed(String value) {
        return value != null && value.matches("[A-Za-z0-9_-]{43}");
    }
}
