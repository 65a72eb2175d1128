package uk.nhs.pcn.portal;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.specification.RequestSpecification;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * Puts data into the real services (PlatformResources) through their APIs, as their users would: networks and
 * practices in the registry, link workers in workforce, referrals in referral-service. Each call waits until the
 * service has learnt from the topics what it needs (a network, a practice's network, a link worker).
 */
final class PlatformSetup {

    private PlatformSetup() {
    }

    static RequestSpecification as(String token, String service) {
        String base = ConfigProvider.getConfig().getValue("pcn.portal." + service + "-url", String.class);
        return given().baseUri(base).header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    static void network(String code, String name, String commissioner) {
        as(TestTokens.commissioner(), "registry").body(Map.of("code", code, "name", name, "commissionerCode",
                commissioner, "openDate", "2019-07-01")).post("/api/v1/networks").then().statusCode(201);
    }

    static void practice(String code, String network, String commissioner, int patients) {
        as(TestTokens.commissioner(), "registry").body(Map.of("code", code, "name", "SURGERY " + code,
                "commissionerCode", commissioner)).post("/api/v1/practices").then().statusCode(201);
        as(TestTokens.commissioner(), "registry").body(Map.of("networkCode", network, "from", "2019-07-01"))
                .post("/api/v1/practices/" + code + "/memberships").then().statusCode(201);
        as(TestTokens.commissioner(), "registry").body(Map.of("asAt", "2025-01-01", "registeredPatients", patients,
                "weightedPopulation", new BigDecimal(patients).multiply(new BigDecimal("1.05"))))
                .post("/api/v1/practices/" + code + "/list-sizes").then().statusCode(201);
    }

    /** A full-time link worker appointment in the network; waits until workforce knows the network. */
    static void linkWorker(String network, String staffReference, String startDate) {
        Map<String, Object> body = new HashMap<>();
        body.put("staffReference", staffReference);
        body.put("roleCode", "social-prescribing-link-worker");
        body.put("wte", new BigDecimal("1.0"));
        body.put("startDate", startDate);
        body.put("employingOrganisation", "Lead practice");
        body.put("payBand", "5");
        body.put("fullTimeAnnualSalary", new BigDecimal("30000"));
        body.put("fullTimeAnnualOnCosts", new BigDecimal("8000"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> as(
                TestTokens.pcnManager(network), "workforce").body(body).post("/api/v1/networks/" + network + "/staff")
                .statusCode() == 201);
    }

    /** Waits until referral-service knows this many link workers of the network (from workforce's topic). */
    static void awaitLinkWorkersKnown(String network, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            var answer = as(TestTokens.pcnManager(network), "referral").get("/api/v1/networks/" + network
                    + "/caseload");
            return answer.statusCode() == 200 && answer.jsonPath().getList("linkWorkers").size() == count;
        });
    }

    /** A referral of a made-up person from the practice; returns its id once referral-service has taken it. */
    static String referral(String practice, String nhsNumber, String givenName, String familyName) {
        Map<String, Object> person = new HashMap<>();
        person.put("nhsNumber", nhsNumber);
        person.put("givenName", givenName);
        person.put("familyName", familyName);
        person.put("dateOfBirth", "1958-03-14");
        Map<String, Object> body = new HashMap<>();
        body.put("person", person);
        body.put("practiceCode", practice);
        body.put("source", "GP");
        body.put("needs", List.of("LONELINESS"));
        body.put("consentToShare", true);
        String[] id = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            var answer = as(TestTokens.referrer("referrer-" + practice, practice), "referral").body(body)
                    .post("/api/v1/referrals");
            id[0] = answer.statusCode() == 201 ? answer.jsonPath().getString("id") : null;
            return id[0] != null;
        });
        return id[0];
    }

    /** An NHS number in the 999 test range with a valid check digit. */
    static String testNhsNumber() {
        return uk.nhs.pcn.testsupport.TestNhsNumbers.random();
    }
}
