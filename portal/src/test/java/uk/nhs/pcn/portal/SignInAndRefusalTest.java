package uk.nhs.pcn.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Sign-in, refusal and a platform whose services are all down, without a browser: what a user meets before any
 * figure is shown.
 */
@QuarkusTest
@WithTestResource(NoServicesResources.class)
class SignInAndRefusalTest {

    static String signIn(String role, String networks) {
        return DevSignInForm.signIn(role, networks, "");
    }

    @Test
    void aPageWithoutSignInSendsTheBrowserToSignInAndBack() {
        given().redirects().follow(false).get("/networks/U00001").then().statusCode(303)
                .header("Location", containsString("/dev/sign-in?next=%2Fnetworks%2FU00001"));
        given().get("/dev/sign-in?next=/networks/U00001").then().statusCode(200)
                .body(containsString("Sign in (local development)"))
                .body(containsString("value=\"/networks/U00001\""));
    }

    @Test
    void signingInAsAPcnManagerLandsOnTheirNetworkWithATokenTheServicesWouldAccept() {
        Response answer = DevSignInForm.open().post("pcn-manager", "u00001", "");
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.header("Location")).endsWith("/networks/U00001");
        String cookie = answer.getCookie("pcn-dev-session");
        assertThat(answer.getDetailedCookie("pcn-dev-session").isHttpOnly()).isTrue();
        // The token names the role and network as ./pcn token's would.
        String claims = new String(java.util.Base64.getUrlDecoder().decode(cookie.split("\\.")[1]));
        assertThat(claims).contains("\"groups\":[\"pcn-manager\"]").contains("\"pcn_networks\":[\"U00001\"]")
                .contains("\"iss\":\"urn:pcn:dev\"");
    }

    @Test
    void aSignInWithoutNetworksForAPcnManagerIsRefusedWithTheReason() {
        DevSignInForm.open().post("pcn-manager", "", "").then().statusCode(400)
                .body(containsString("There is a problem")).body(containsString("Enter the networks"));
    }

    @Test
    void anotherNetworksPageIsAProper403Page() {
        String session = signIn("pcn-manager", "U00001");
        given().cookie("pcn-dev-session", session).get("/networks/U00002").then().statusCode(403)
                .contentType(containsString("text/html")).body(containsString("You cannot see this page"))
                .body(containsString("covers network U00001, not U00002")).body(not(containsString("Exception")));
        given().cookie("pcn-dev-session", session).get("/networks/U00002/tables/members.csv").then().statusCode(403);
        given().cookie("pcn-dev-session", session).get("/networks/U00002/changes").then().statusCode(403);
    }

    @Test
    void aForgedSessionIsNoSession() {
        String session = signIn("pcn-manager", "U00001");
        String[] parts = session.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"x\",\"groups\":[\"commissioner\"],\"iss\":\"urn:pcn:dev\",\"exp\":9999999999}".getBytes())
                + "." + parts[2];
        given().redirects().follow(false).cookie("pcn-dev-session", forged).get("/networks/U00002").then()
                .statusCode(303);
    }

    @Test
    void withEveryServiceDownThePageStillRendersAndEachPanelSaysWhichServiceAndSinceWhen() {
        String session = signIn("pcn-manager", "U00001");
        String page = given().cookie("pcn-dev-session", session).get("/networks/U00001").then().statusCode(200)
                .extract().asString();
        for (String service : new String[] { "registry-service", "workforce-service", "referral-service",
                "funding-service" }) {
            assertThat(page).contains(service + " is not answering");
        }
        assertThat(page).contains(" since ");
    }

    @Test
    void aDateThatIsNotADateIsA400PageNamingIt() {
        String session = signIn("pcn-manager", "U00001");
        given().cookie("pcn-dev-session", session).get("/networks/U00001?asAt=2026-02-30").then().statusCode(400)
                .body(containsString("Enter a real date")).body(containsString("2026-02-30"));
    }

    @Test
    void anUnknownPathIsA404Page() {
        given().get("/no-such-page").then().statusCode(404).body(containsString("Page not found"));
    }

    @Test
    void healthAndTheDesignSystemAreServedWithoutSignIn() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.css").then().statusCode(200);
        given().get("/assets/fonts/bold-b542beb274-v2.woff2").then().statusCode(200);
    }
}
