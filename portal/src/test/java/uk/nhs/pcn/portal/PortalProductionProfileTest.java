package uk.nhs.pcn.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The portal as production runs it (the prod configuration profile, signing in through a local OpenID provider, see
 * {@link OidcProviderResources}): there is no development sign-in page, and a page needs the OpenID Connect sign-in,
 * which the development cookie does not replace. {@link OidcCodeFlowTest} walks the sign-in itself.
 */
@QuarkusTest
@TestProfile(PortalProductionProfileTest.Production.class)
@WithTestResource(OidcProviderResources.class)
class PortalProductionProfileTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }
    }

    @Test
    void theDevelopmentSignInPageDoesNotExist() {
        given().redirects().follow(false).get("/dev/sign-in").then().statusCode(404)
                .body(not(containsString("local development")));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("role", "commissioner").formParam("networks", "").post("/dev/sign-in").then()
                .statusCode(404);
    }

    @Test
    void aDevelopmentCookieDoesNotSignAnyoneIn() {
        String token = uk.nhs.pcn.testsupport.TestTokens.commissioner();
        given().redirects().follow(false).cookie("pcn-dev-session", token).get("/networks/U00001").then()
                .statusCode(302).header("Location", containsString("/authorize?"))
                .body(not(containsString("U00001")));
    }

    @Test
    void theHomePageOffersTheProvidersSignInNotTheDevelopmentOne() {
        given().get("/").then().statusCode(200).body(containsString("href=\"/sign-in\""))
                .body(not(containsString("/dev/sign-in")));
    }
}
