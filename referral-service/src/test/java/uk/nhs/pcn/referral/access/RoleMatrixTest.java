package uk.nhs.pcn.referral.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.referral.ReferralTestSupport.appointLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.as;
import static uk.nhs.pcn.referral.ReferralTestSupport.networkWithPractice;
import static uk.nhs.pcn.referral.ReferralTestSupport.newNhsNumber;
import static uk.nhs.pcn.referral.ReferralTestSupport.referral;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import uk.nhs.pcn.referral.audit.AccessAudit;
import uk.nhs.pcn.testsupport.TestTokens;
import uk.nhs.pcn.testsupport.openapi.OpenApiValidation;

/**
 * Every endpoint against every kind of caller. An allowed caller gets past authorisation (the answer is whatever the
 * referral's state makes it: 200, 201, 404 or 409); every other caller gets 403, and no token 401. Steps are tried on
 * a withdrawn referral, so an allowed step is a 409 and nothing changes.
 */
@QuarkusTest
class RoleMatrixTest {

    static String network;
    static String practice;
    static String referrer;
    static String referralId;
    static String closedId;
    static final Map<String, String> TOKENS = new LinkedHashMap<>();

    /** Once, before the first test (not @BeforeAll: the test port is known only once Quarkus runs the test). */
    @BeforeEach
    void referralsToTry() {
        if (referralId != null) {
            return;
        }
        String[] np = networkWithPractice();
        String[] other = networkWithPractice();
        network = np[0];
        practice = np[1];
        appointLinkWorker(network, "1.0", LocalDate.now().minusYears(1));
        referrer = "referrer-who-made-it";
        TOKENS.put("link-worker", TestTokens.linkWorker("lw", network));
        TOKENS.put("link-worker of another network", TestTokens.linkWorker("lw2", other[0]));
        TOKENS.put("referrer who made it", TestTokens.referrer(referrer, practice));
        TOKENS.put("referrer of the practice", TestTokens.referrer("colleague", practice));
        TOKENS.put("referrer of another practice", TestTokens.referrer("stranger", other[1]));
        TOKENS.put("pcn-manager", TestTokens.pcnManager(network));
        TOKENS.put("pcn-manager of another network", TestTokens.pcnManager(other[0]));
        TOKENS.put("commissioner", TestTokens.commissioner());
        TOKENS.put("ig-lead", TestTokens.igLead("ig", network));
        TOKENS.put("ig-lead of another network", TestTokens.igLead("ig2", other[0]));
        TOKENS.put("viewer", TestTokens.viewer());
        TOKENS.put("finance", TestTokens.finance());
        referralId = as(TOKENS.get("referrer who made it")).body(referral(practice, newNhsNumber()))
                .post("/api/v1/referrals").then().statusCode(201).extract().jsonPath().getString("id");
        closedId = as(TOKENS.get("referrer who made it")).body(referral(practice, newNhsNumber()))
                .post("/api/v1/referrals").then().statusCode(201).extract().jsonPath().getString("id");
        as(TOKENS.get("link-worker")).body("{}").post("/api/v1/referrals/" + closedId + "/withdraw").then()
                .statusCode(200);
    }

    record Endpoint(String method, String path, String body, Set<String> allowed) {
    }

    static List<Endpoint> endpoints() {
        String r = "/api/v1/referrals/" + referralId;
        String c = "/api/v1/referrals/" + closedId;
        String n = "/api/v1/networks/" + network;
        Set<String> readers = Set.of("link-worker", "referrer who made it");
        Set<String> linkWorker = Set.of("link-worker");
        Set<String> aggregate = Set.of("link-worker", "pcn-manager", "commissioner");
        List<Endpoint> all = new ArrayList<>(List.of(
                new Endpoint("POST", "/api/v1/referrals", null, Set.of("link-worker", "referrer who made it",
                        "referrer of the practice")),
                new Endpoint("GET", "/api/v1/referrals", null, Set.of("referrer who made it",
                        "referrer of the practice", "referrer of another practice")),
                new Endpoint("GET", r, null, readers),
                new Endpoint("GET", r + "/fhir", null, readers),
                new Endpoint("GET", c + "/message-back", null, readers),
                new Endpoint("GET", r + "/audit", null, Set.of("ig-lead")),
                new Endpoint("GET", n + "/caseload", null, aggregate),
                new Endpoint("GET", n + "/referrals", null, Set.of("link-worker", "pcn-manager")),
                new Endpoint("GET", n + "/reports/referrals?month=" + YearMonth.now(), null, aggregate),
                new Endpoint("PUT", c + "/connections/" + UUID.randomUUID() + "/attendance", "{\"attended\":true}",
                        linkWorker)));
        Map<String, String> steps = Map.of("accept", "{}", "decline", "{\"reason\":\"OTHER\"}", "first-contact",
                "{\"whatMatters\":\"x\"}", "plan", "{\"plan\":\"x\"}", "connections",
                "{\"serviceName\":\"x\",\"serviceType\":\"COMMUNITY\",\"mode\":\"SIGNPOSTED\"}", "follow-ups", "{}",
                "discharge", "{\"reason\":\"GOALS_MET\"}", "did-not-attend", "{}", "withdraw", "{}", "outcomes",
                "{\"measure\":\"ONS4\",\"timepoint\":\"DISCHARGE\",\"items\":[1,2,3,4]}");
        steps.forEach((step, body) -> all.add(new Endpoint("POST", c + "/" + step, body, linkWorker)));
        return all;
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheInformationGovernanceRulesSay() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Map.Entry<String, String> caller : TOKENS.entrySet()) {
                int status = call(endpoint, caller.getValue()).statusCode();
                boolean allowed = endpoint.allowed().contains(caller.getKey());
                if (allowed ? status == 401 || status == 403 || status >= 500 : status != 403) {
                    wrong.add(endpoint.method() + " " + endpoint.path() + " as " + caller.getKey() + ": " + status
                            + (allowed ? " (should be allowed)" : " (should be 403)"));
                }
            }
            int anonymous = call(endpoint, null).statusCode();
            if (anonymous != 401) {
                wrong.add(endpoint.method() + " " + endpoint.path() + " without a token: " + anonymous);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aPcnManagerAndACommissionerNeverSeeANameOrNhsNumber() {
        String list = as(TOKENS.get("pcn-manager")).get("/api/v1/networks/" + network + "/referrals").then()
                .statusCode(200).extract().asString();
        assertThat(list).contains(referralId).doesNotContain("Testsurname", "nhsNumber", "dateOfBirth");
        String caseload = as(TOKENS.get("commissioner")).get("/api/v1/networks/" + network + "/caseload").then()
                .statusCode(200).extract().asString();
        assertThat(caseload).doesNotContain("Testsurname", "nhsNumber");
        String mine = as(TOKENS.get("referrer who made it")).get("/api/v1/referrals").then().statusCode(200)
                .extract().asString();
        assertThat(mine).contains(referralId).doesNotContain("Testsurname");
        assertThat(as(TOKENS.get("referrer of another practice")).get("/api/v1/referrals").then().statusCode(200)
                .extract().asString()).doesNotContain(referralId);
    }

    @Test
    void eachIdentifiableReadIsAuditedAndARefusedOneIsNot() {
        long before = audited();
        as(TOKENS.get("referrer who made it")).header("X-Access-Reason", "Checking it arrived")
                .get("/api/v1/referrals/" + referralId).then().statusCode(200);
        as(TOKENS.get("pcn-manager")).get("/api/v1/referrals/" + referralId).then().statusCode(403);
        as(TOKENS.get("link-worker")).get("/api/v1/referrals/" + referralId + "/fhir").then().statusCode(200);
        assertThat(audited()).isEqualTo(before + 2);
        as(TOKENS.get("ig-lead")).get("/api/v1/referrals/" + referralId + "/audit").then().statusCode(200)
                .body("findAll { it.readBy == 'referrer-who-made-it' }.reason",
                        org.hamcrest.Matchers.hasItem("Checking it arrived"));
    }

    private static long audited() {
        return QuarkusTransaction.requiringNew().call(() -> AccessAudit.count("referralId",
                UUID.fromString(referralId)));
    }

    private static Response call(Endpoint endpoint, String token) {
        var request = given().filter(OpenApiValidation.responseOnly()).contentType("application/json");
        if (token != null) {
            request.header("Authorization", TestTokens.bearer(token));
        }
        String body = endpoint.body();
        if (endpoint.path().equals("/api/v1/referrals") && endpoint.method().equals("POST")) {
            try {
                body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(referral(practice,
                        newNhsNumber()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (body != null) {
            request.body(body);
        }
        return request.request(endpoint.method(), endpoint.path());
    }
}
