package uk.nhs.pcn.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

/**
 * The development sign-in form as a browser sends it: first the page (which gives the browser its CSRF cookie and
 * the same token in a hidden field), then the form with both.
 */
final class DevSignInForm {

    private static final Pattern FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    final String csrfCookie;
    final String csrfField;

    private DevSignInForm(String csrfCookie, String csrfField) {
        this.csrfCookie = csrfCookie;
        this.csrfField = csrfField;
    }

    /** Opens the sign-in page as a new browser would. */
    static DevSignInForm open() {
        Response page = given().get("/dev/sign-in");
        assertThat(page.statusCode()).isEqualTo(200);
        return new DevSignInForm(page.getCookie("pcn-csrf"), field(page.asString()));
    }

    /** The hidden CSRF field of a page's form. */
    static String field(String html) {
        Matcher m = FIELD.matcher(html);
        assertThat(m.find()).as("the page's form carries a CSRF token").isTrue();
        return m.group(1);
    }

    /** Sends the form; the answer is not followed. */
    Response post(String role, String networks, String staff) {
        return given().redirects().follow(false).cookie("pcn-csrf", csrfCookie)
                .contentType("application/x-www-form-urlencoded").formParam("role", role)
                .formParam("networks", networks).formParam("staff", staff).formParam("next", "")
                .formParam("csrf-token", csrfField).post("/dev/sign-in");
    }

    /** Signs in; returns the session cookie's value. */
    static String signIn(String role, String networks, String staff) {
        Response answer = open().post(role, networks, staff);
        assertThat(answer.statusCode()).as("sign-in answer").isEqualTo(303);
        return answer.getCookie("pcn-dev-session");
    }
}
