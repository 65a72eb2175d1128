package uk.nhs.pcn.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.referral.ReferralTestSupport.asLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.awaitMember;
import static uk.nhs.pcn.referral.ReferralTestSupport.newNhsNumber;
import static uk.nhs.pcn.referral.ReferralTestSupport.refer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pcn.referral.linkworker.LinkWorker;
import uk.nhs.pcn.testsupport.PackagedService;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * Three services' code, one broker: registry-service and workforce-service run as their packaged jars (built earlier
 * in the reactor); what a commissioner and a PCN manager do there decides where referrals go here. The steps build
 * on each other, in order.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryAndWorkforceToReferralEndToEndTest {

    static final String FIRST = "U00971";
    static final String SECOND = "U00972";
    static final String PRACTICE = "E00971";
    static final String OTHER_PRACTICE = "E00972";

    static PackagedService registry;
    static PackagedService workforce;
    static String appointment;
    static String firstReferral;

    @BeforeAll
    static void startServices() {
        registry = PackagedService.start("registry-service");
        workforce = PackagedService.start("workforce-service");
    }

    @AfterAll
    static void stopServices() {
        if (workforce != null) {
            workforce.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void aLinkWorkerAppointedInWorkforceReceivesTheNextReferralFromAMemberPractice() {
        for (String network : new String[] { FIRST, SECOND }) {
            registryApi().body(Map.of("code", network, "name", "END TO END " + network, "commissionerCode", "00C",
                    "openDate", "2019-07-01")).post("/api/v1/networks").then().statusCode(201);
        }
        for (String[] practice : new String[][] { { PRACTICE, FIRST }, { OTHER_PRACTICE, SECOND } }) {
            registryApi().body(Map.of("code", practice[0], "name", "SURGERY " + practice[0], "commissionerCode",
                    "00C")).post("/api/v1/practices").then().statusCode(201);
            registryApi().body(Map.of("networkCode", practice[1], "from", "2019-07-01"))
                    .post("/api/v1/practices/" + practice[0] + "/memberships").then().statusCode(201);
        }
        awaitMember(PRACTICE, FIRST);
        // Workforce must know the network before it takes an appointment there.
        appointment = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    var answer = workforceApi(FIRST).body(linkWorker()).post("/api/v1/networks/" + FIRST + "/staff");
                    return answer.statusCode() == 201 ? answer.jsonPath().getString("id") : null;
                }, id -> id != null);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> LinkWorker.findById(appointment) != null));

        JsonPath referral = refer(PRACTICE, newNhsNumber());

        firstReferral = referral.getString("id");
        assertThat(referral.getString("networkCode")).isEqualTo(FIRST);
        assertThat(referral.getString("appointmentId")).isEqualTo(appointment);
    }

    @Test
    @Order(2)
    void endingThatAppointmentInWorkforcePutsTheReferralInTheNetworksQueue() {
        workforceApi(FIRST).body(Map.of("lastDay", LocalDate.now().toString()))
                .post("/api/v1/networks/" + FIRST + "/staff/" + appointment + "/end").then().statusCode(200);

        ReferralTestSupport.awaitReferral(FIRST, firstReferral, j -> j.getString("appointmentId") == null
                && j.getString("queuedSince") != null);
        JsonPath caseload = asLinkWorker(FIRST).get("/api/v1/networks/" + FIRST + "/caseload").then()
                .statusCode(200).extract().jsonPath();
        assertThat(caseload.getInt("queue.waiting")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aPracticeMovedInTheRegistrySendsNewReferralsToItsNewNetwork() {
        registryApi().body(Map.of("networkCode", SECOND, "from", LocalDate.now().toString()))
                .post("/api/v1/practices/" + PRACTICE + "/memberships/move").then().statusCode(200);
        awaitMember(PRACTICE, SECOND);

        JsonPath referral = refer(PRACTICE, newNhsNumber());

        assertThat(referral.getString("networkCode")).isEqualTo(SECOND);
        // The referral made before the move stays in the first network's queue.
        ReferralTestSupport.awaitReferral(FIRST, firstReferral, j -> FIRST.equals(j.getString("networkCode")));
    }

    private static Map<String, Object> linkWorker() {
        Map<String, Object> body = new HashMap<>();
        body.put("staffReference", "SPLW-E2E-1");
        body.put("roleCode", "social-prescribing-link-worker");
        body.put("wte", new BigDecimal("1.0"));
        body.put("startDate", "2024-04-01");
        body.put("employingOrganisation", "Lead practice");
        body.put("payBand", "5");
        body.put("fullTimeAnnualSalary", new BigDecimal("30000"));
        body.put("fullTimeAnnualOnCosts", new BigDecimal("8000"));
        return body;
    }

    private static RequestSpecification registryApi() {
        return given().baseUri(registry.baseUri()).header("Authorization", TestTokens.bearer(TestTokens
                .commissioner())).contentType("application/json");
    }

    private static RequestSpecification workforceApi(String network) {
        return given().baseUri(workforce.baseUri()).header("Authorization", TestTokens.bearer(TestTokens
                .pcnManager(network))).contentType("application/json");
    }
}
