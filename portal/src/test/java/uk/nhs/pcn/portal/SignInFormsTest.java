package uk.nhs.pcn.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The POST forms (sign-in, sign-out) refuse a request forged by another site (no, or the wrong, CSRF token) with a
 * proper 403 page and do nothing; the same form from the portal's own page works. And the sign-in as a specific link
 * worker (their staff reference).
 */
@QuarkusTest
@WithTestResource(NoServicesResources.class)
class SignInFormsTest {

    @Test
    void theSignInPageGivesTheBrowserACsrfCookieOnlyThisSiteCanUse() {
        Response page = given().get("/dev/sign-in");
        var cookie = page.getDetailedCookie("pcn-csrf");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(DevSignInForm.field(page.asString())).isEqualTo(cookie.getValue());
    }

    @Test
    void aSignInWithoutOrWithTheWrongTokenIsRefusedWithA403PageAndSignsNobodyIn() {
        DevSignInForm form = DevSignInForm.open();
        // A form posted from another site: it has neither the cookie's value nor, usually, the cookie.
        Response none = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("role", "commissioner").formParam("networks", "").post("/dev/sign-in");
        Response cookieOnly = given().redirects().follow(false).cookie("pcn-csrf", form.csrfCookie)
                .contentType("application/x-www-form-urlencoded").formParam("role", "commissioner")
                .formParam("networks", "").post("/dev/sign-in");
        Response wrong = given().redirects().follow(false).cookie("pcn-csrf", form.csrfCookie)
                .contentType("application/x-www-form-urlencoded").formParam("role", "commissioner")
                .formParam("networks", "").formParam("csrf-token", DevSignInForm.open().csrfField)
                .post("/dev/sign-in");
        Response fieldOnly = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("role", "commissioner").formParam("networks", "").formParam("csrf-token", form.csrfField)
                .post("/dev/sign-in");
        for (Response refused : new Response[] { none, cookieOnly, wrong, fieldOnly }) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("text/html");
            assertThat(refused.asString()).contains("This form cannot be sent").contains("reload the page")
                    .doesNotContain("Exception");
            assertThat(refused.getCookie("pcn-dev-session")).isNull();
        }
        Response right = form.post("commissioner", "", "");
        assertThat(right.statusCode()).isEqualTo(303);
        assertThat(right.getCookie("pcn-dev-session")).isNotBlank();
    }

    @Test
    void signingOutNeedsTheTokenOfTheSignedInPage() {
        String session = DevSignInForm.signIn("pcn-manager", "U00001", "");
        // The home page, signed in, shows the sign-out form with this browser's token.
        Response home = given().cookie("pcn-dev-session", session).get("/");
        String csrfCookie = home.getCookie("pcn-csrf");
        String field = DevSignInForm.field(home.asString());
        assertThat(field).isEqualTo(csrfCookie);

        Response forged = given().redirects().follow(false).cookie("pcn-dev-session", session)
                .cookie("pcn-csrf", csrfCookie).contentType("application/x-www-form-urlencoded").post("/sign-out");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.asString()).contains("This form cannot be sent");
        assertThat(forged.getDetailedCookie("pcn-dev-session")).isNull();

        Response signedOut = given().redirects().follow(false).cookie("pcn-dev-session", session)
                .cookie("pcn-csrf", csrfCookie).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", field).post("/sign-out");
        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(signedOut.getDetailedCookie("pcn-dev-session").getMaxAge()).isZero();
    }

    @Test
    void aLinkWorkerSignsInAsThemselvesByTheirStaffReference() {
        String session = DevSignInForm.signIn("link-worker", "U00001", "SPLW-0042");
        String claims = new String(Base64.getUrlDecoder().decode(session.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"groups\":[\"link-worker\"]").contains("\"pcn_networks\":[\"U00001\"]")
                .contains("\"pcn_staff\":[\"SPLW-0042\"]").contains("SPLW-0042");
        // Without a staff reference the token has no such claim, as before.
        String plain = DevSignInForm.signIn("link-worker", "U00001", "");
        assertThat(new String(Base64.getUrlDecoder().decode(plain.split("\\.")[1]), StandardCharsets.UTF_8))
                .doesNotContain("pcn_staff");
        // The page offers the field, and a reference that is not one is refused, naming the field.
        given().get("/dev/sign-in?role=link-worker&networks=U00001&staff=SPLW-0042").then().statusCode(200)
                .body(containsString("id=\"staff\"")).body(containsString("value=\"SPLW-0042\""));
        DevSignInForm.open().post("link-worker", "U00001", "<script>").then().statusCode(400)
                .body(containsString("Enter the staff reference")).body(containsString("href=\"#staff\""))
                .body(not(containsString("<script>")));
    }
}
