package uk.nhs.pcn.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Sign-in as production does it: OpenID Connect authorization code flow with a provider (here a local stub,
 * {@link OidcStubProvider}). An anonymous page request goes to the provider's authorization endpoint; after the code
 * exchange the portal calls the services with the user's access token from the provider (registry-service, which
 * trusts only that token's key, answers with the network); signing out ends the session at the portal and sends the
 * browser to the provider's end-session endpoint.
 */
@QuarkusTest
@TestProfile(PortalProductionProfileTest.Production.class)
@WithTestResource(OidcProviderResources.class)
class OidcCodeFlowTest {

    static final String NETWORK = OidcProviderResources.NETWORK;

    /** The browser's cookies for the portal. */
    private final Map<String, String> cookies = new HashMap<>();

    @Test
    void anAnonymousPageGoesToTheProviderAndAfterTheCodeExchangeThePortalCallsTheServicesWithTheUsersAccessToken() {
        PlatformSetup.network(NETWORK, "OIDC " + NETWORK, "00K");
        String provider = ConfigProvider.getConfig().getValue("pcn.test.oidc-provider-url", String.class);

        // 1. Nobody is signed in: the page sends the browser to the provider's authorization endpoint.
        Response anonymous = portal().get("/networks/" + NETWORK);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        String authorize = anonymous.header("Location");
        assertThat(authorize).startsWith(provider + "/authorize?");
        Map<String, String> request = query(authorize);
        assertThat(request).containsEntry("response_type", "code").containsEntry("client_id", "pcn-portal");
        assertThat(request.get("scope")).contains("openid");
        assertThat(request.get("redirect_uri")).contains("/networks/" + NETWORK);
        keep(anonymous);

        // 2. The provider signs the user in and sends the browser back with a code.
        // (The URLs are used as they are: REST Assured would encode their already encoded query again.)
        Response back = given().urlEncodingEnabled(false).redirects().follow(false).get(authorize);
        assertThat(back.statusCode()).isEqualTo(302);
        String callback = back.header("Location");
        assertThat(callback).contains("code=");

        // 3. The portal exchanges the code for the tokens, opens a session and returns to the page asked for.
        assertThat(callback).startsWith(request.get("redirect_uri") + "?");
        Response exchanged = portal().urlEncodingEnabled(false).get(pathOf(callback));
        assertThat(exchanged.statusCode()).isEqualTo(302);
        assertThat(exchanged.header("Location")).endsWith("/networks/" + NETWORK);
        keep(exchanged);
        assertThat(cookies.keySet()).anyMatch(name -> name.startsWith("q_session"));
        assertThat(given().get(provider + "/stub/counts").jsonPath().getInt("exchanges")).isEqualTo(1);

        // 4. Signed in as the access token's user, with its role; registry-service answered that token (it does
        //    not trust the provider's ID token key), so the page shows the network's name.
        String page = portal().get("/networks/" + NETWORK).then().statusCode(200).extract().asString();
        assertThat(page).contains("Signed in as " + OidcProviderResources.ACCESS_TOKEN_USER + " (pcn-manager)")
                .contains("OIDC " + NETWORK).doesNotContain("Name From The ID Token");
        // The token's networks apply: another network's page is a 403 page.
        portal().get("/networks/U00982").then().statusCode(403);

        // 5. Signing out ends the session and goes on to the provider's end-session endpoint.
        Response signOut = portal().contentType("application/x-www-form-urlencoded").post("/sign-out");
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(signOut.header("Location")).startsWith(provider + "/logout");
        assertThat(query(signOut.header("Location"))).containsKey("post_logout_redirect_uri");
        keep(signOut);
        assertThat(cookies.keySet()).as("the session cookie is expired").noneMatch(n -> n.startsWith("q_session"));
        Response after = portal().get("/networks/" + NETWORK);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.header("Location")).startsWith(provider + "/authorize?");
    }

    private io.restassured.specification.RequestSpecification portal() {
        return given().redirects().follow(false).cookies(cookies);
    }

    /** Keeps the cookies a response sets, and forgets those it expires. */
    private void keep(Response response) {
        response.getDetailedCookies().forEach(c -> {
            if (c.getMaxAge() == 0 || c.getValue() == null || c.getValue().isEmpty()) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static Map<String, String> query(String url) {
        Map<String, String> values = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
