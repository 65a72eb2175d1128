package uk.nhs.pcn.registry.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static uk.nhs.pcn.registry.RegistryTestSupport.EVENT_TIMEOUT;
import static uk.nhs.pcn.registry.RegistryTestSupport.asCommissioner;
import static uk.nhs.pcn.registry.RegistryTestSupport.asViewer;
import static uk.nhs.pcn.registry.RegistryTestSupport.join;
import static uk.nhs.pcn.registry.RegistryTestSupport.newNetworkCode;
import static uk.nhs.pcn.registry.RegistryTestSupport.recordListSize;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerNetwork;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerPractice;
import static uk.nhs.pcn.testsupport.openapi.OpenApiValidation.responseOnly;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TopicRecorder;

@QuarkusTest
class NetworkApiTest {

    @Test
    void registeringANetworkPublishesNetworkRegisteredKeyedByItsCodeAndValidAgainstTheSchema() {
        String code = newNetworkCode();
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            asCommissioner().body(Map.of("code", code, "name", "  DARLINGTON TEST PCN ", "commissionerCode", "00C",
                    "openDate", "2019-07-01", "postcode", "DL1 1AA"))
                    .post("/api/v1/networks")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/v1/networks/" + code))
                    .body("name", equalTo("DARLINGTON TEST PCN"))
                    .body("status", equalTo("OPEN"));

            RecordedEvent event = topic.await(r -> code.equals(r.key()), 1, EVENT_TIMEOUT).get(0);
            assertThat(event.type()).isEqualTo("uk.nhs.pcn.registry.NetworkRegistered.v1");
            assertThat(event.headers()).containsEntry("ce_source", "/pcn/registry-service")
                    .containsEntry("ce_subject", code).containsEntry("ce_specversion", "1.0");
            assertThat(event.contractProblems()).isEmpty();
            assertThat(event.text("effectiveDate")).isEqualTo("2019-07-01");
            assertThat(event.text("name")).isEqualTo("DARLINGTON TEST PCN");
        }
    }

    @Test
    void renameCloseAndClinicalDirectorEachPublishTheirEventWithTheEffectiveDate() {
        String code = registerNetwork("2019-07-01");
        String practice = registerPractice();
        join(practice, code, "2019-07-01");
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            asCommissioner().body(Map.of("name", "RENAMED PCN", "effectiveDate", "2022-04-01"))
                    .post("/api/v1/networks/" + code + "/rename").then().statusCode(200)
                    .body("name", equalTo("RENAMED PCN"));
            asCommissioner().body(Map.of("name", "Dr A Example", "from", "2022-04-01"))
                    .put("/api/v1/networks/" + code + "/clinical-director").then().statusCode(200);
            asCommissioner().body(Map.of("closeDate", "2024-03-31"))
                    .post("/api/v1/networks/" + code + "/close").then().statusCode(200)
                    .body("closeDate", equalTo("2024-03-31"));

            // The registration's and the join's events may still be on their way when the recorder starts.
            List<RecordedEvent> events = topic.await(r -> code.equals(r.key())
                    && !r.type().endsWith("NetworkRegistered.v1") && !r.type().endsWith("PracticeJoinedNetwork.v1"),
                    4, EVENT_TIMEOUT);
            assertThat(events).extracting(RecordedEvent::type).containsExactly(
                    "uk.nhs.pcn.registry.NetworkRenamed.v1",
                    "uk.nhs.pcn.registry.ClinicalDirectorChanged.v1",
                    "uk.nhs.pcn.registry.NetworkClosed.v1",
                    "uk.nhs.pcn.registry.PracticeLeftNetwork.v1");
            assertThat(events).allSatisfy(e -> assertThat(e.contractProblems()).isEmpty());
            assertThat(events.get(0).text("previousName")).isEqualTo("TEST PCN " + code);
            assertThat(events.get(0).text("effectiveDate")).isEqualTo("2022-04-01");
            assertThat(events.get(2).text("effectiveDate")).isEqualTo("2024-03-31");
            // The closure ends the running membership on the close date, as one action.
            assertThat(events.get(3).text("practiceCode")).isEqualTo(practice);
            assertThat(events.get(3).text("effectiveDate")).isEqualTo("2024-03-31");
            assertThat(events.get(3).correlationId()).isNotNull().isEqualTo(events.get(2).correlationId());
        }
        // As at a date before the rename, the network had its old name.
        asViewer().get("/api/v1/networks/" + code + "?asAt=2021-01-01").then().statusCode(200)
                .body("name", equalTo("TEST PCN " + code)).body("currentName", equalTo("RENAMED PCN"))
                .body("clinicalDirector", nullValue());
        asViewer().get("/api/v1/networks/" + code + "?asAt=2023-01-01").then().statusCode(200)
                .body("name", equalTo("RENAMED PCN")).body("clinicalDirector.name", equalTo("Dr A Example"))
                .body("members", hasSize(1));
        asViewer().get("/api/v1/networks/" + code + "?asAt=2024-04-01").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("members", hasSize(0));
    }

    @Test
    void networkAsAtSumsEachMembersLatestListSizeAndWarnsOutsideTheGuidanceRange() {
        String code = registerNetwork("2020-04-01");
        String a = registerPractice();
        String b = registerPractice();
        join(a, code, "2020-04-01");
        join(b, code, "2021-04-01");
        recordListSize(a, "2020-01-01", 9_000);
        recordListSize(a, "2021-01-01", 10_000);
        recordListSize(a, "2022-01-01", 11_000);
        recordListSize(b, "2021-01-01", 25_000);

        // 2020-06-01: only A, at its 2020 size: 9,000 is below the guidance range.
        asViewer().get("/api/v1/networks/" + code + "?asAt=2020-06-01").then().statusCode(200)
                .body("members", hasSize(1))
                .body("population.registeredPatients", equalTo(9000))
                .body("warnings[0].code", equalTo("BELOW_GUIDANCE_SIZE"));
        // 2021-06-01: A at 10,000 (2021 figure) + B at 25,000 = 35,000, inside the range.
        asViewer().get("/api/v1/networks/" + code + "?asAt=2021-06-01").then().statusCode(200)
                .body("members", hasSize(2))
                .body("population.registeredPatients", equalTo(35000))
                .body("population.practicesWithoutListSize", equalTo(0))
                .body("warnings", hasSize(0));

        asViewer().get("/api/v1/networks?asAt=2020-06-01&outsideGuidance=true&commissioner=00C&size=500")
                .then().statusCode(200).body("items.code", hasItem(code));
        asViewer().get("/api/v1/networks?asAt=2021-06-01&commissioner=00C&size=500")
                .then().statusCode(200).body("items.find { it.code == '" + code + "' }.population.registeredPatients",
                        equalTo(35000));
    }

    @Test
    void listingIsPaginated() {
        registerNetwork("2019-07-01");
        registerNetwork("2019-07-01");
        var first = asViewer().get("/api/v1/networks?asAt=2019-08-01&size=1&page=0").then().statusCode(200)
                .body("items", hasSize(1)).body("size", equalTo(1)).extract().jsonPath();
        assertThat(first.getLong("totalItems")).isGreaterThanOrEqualTo(2);
        String second = asViewer().get("/api/v1/networks?asAt=2019-08-01&size=1&page=1").then().statusCode(200)
                .extract().path("items[0].code");
        assertThat(second).isNotEqualTo(first.getString("items[0].code"));
        asViewer().get("/api/v1/networks?size=5000").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        String code = newNetworkCode();
        asCommissioner().filter(responseOnly()).body("{\"code\": \"" + code + "\", \"name\": ").post("/api/v1/networks").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
        asCommissioner().filter(responseOnly()).body(Map.of("code", "X12345", "name", "BAD", "commissionerCode", "00C", "openDate",
                "2019-07-01")).post("/api/v1/networks").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"))
                .body("errors[0].message", containsString("U followed by 5 digits"));
        asCommissioner().filter(responseOnly()).body(Map.of("code", code, "name", "BAD", "commissionerCode", "00C", "openDate",
                "1st July")).post("/api/v1/networks").then().statusCode(400)
                .body("errors[0].field", equalTo("openDate"))
                .body("errors[0].message", containsString("YYYY-MM-DD"));
        asCommissioner().filter(responseOnly()).body(Map.of("code", code, "name", List.of("x"), "commissionerCode", "00C", "openDate",
                "2019-07-01")).post("/api/v1/networks").then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        asCommissioner().filter(responseOnly()).body(Map.of("code", code, "nmae", "TYPO", "commissionerCode", "00C", "openDate",
                "2019-07-01")).post("/api/v1/networks").then().statusCode(400)
                .body("errors[0].field", equalTo("nmae")).body("errors[0].rule", equalTo("unknown-field"));
        asCommissioner().filter(responseOnly()).body(Map.of("code", code, "commissionerCode", "00C")).post("/api/v1/networks").then()
                .statusCode(400).body("errors.field", hasItem("name")).body("errors.field", hasItem("openDate"));
        asCommissioner().filter(responseOnly()).contentType("text/plain").body("code=" + code).post("/api/v1/networks").then()
                .statusCode(415).contentType("application/problem+json");
        asCommissioner().filter(responseOnly()).body("[1,2]").post("/api/v1/networks").then().statusCode(400);
        asViewer().get("/api/v1/networks/" + code).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(code));
        asViewer().get("/api/v1/networks/BANANA").then().statusCode(400).body("errors[0].field", equalTo("code"));
        asViewer().get("/api/v1/networks?asAt=yesterday").then().statusCode(400)
                .body("errors[0].field", equalTo("asAt"));
    }

    @Test
    void anOversizedBodyIsRefusedWith413BeforeItIsRead() throws Exception {
        // Declare a 17 MiB body and send none of it: the service must answer from the headers alone.
        try (var socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = "POST /api/v1/networks HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + uk.nhs.pcn.testsupport.TestTokens.bearer(
                            uk.nhs.pcn.testsupport.TestTokens.commissioner()) + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (17 * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder response = new StringBuilder();
            byte[] buffer = new byte[4096];
            int read;
            while (!response.toString().endsWith("}") && (read = socket.getInputStream().read(buffer)) > 0) {
                response.append(new String(buffer, 0, read, java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(response.toString()).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("at most 16777216 bytes");
        }
    }

    @Test
    void onlyACommissionerMayWriteAndEveryReadNeedsAToken() {
        String code = newNetworkCode();
        Map<String, String> body = Map.of("code", code, "name", "X", "commissionerCode", "00C", "openDate",
                "2019-07-01");
        asViewer().body(body).post("/api/v1/networks").then().statusCode(403)
                .contentType("application/problem+json");
        RestAssured.given().contentType("application/json").body(body).post("/api/v1/networks").then()
                .statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        RestAssured.given().header("Authorization", "Bearer not.a.token").get("/api/v1/networks").then()
                .statusCode(401).contentType("application/problem+json");
        asViewer().get("/api/v1/networks/" + code).then().statusCode(404);
    }

    @Test
    void partnerOrganisationsAreListedWhateverTheCaseOfTheCodeInThePath() {
        String code = registerNetwork("2019-07-01");
        asCommissioner().body(Map.of("type", "PHARMACY", "name", "HIGH STREET PHARMACY", "odsCode", "FA123"))
                .post("/api/v1/networks/" + code + "/partners").then().statusCode(201);
        asViewer().get("/api/v1/networks/" + code.toLowerCase() + "/partners").then().statusCode(200)
                .body("name", hasItem("HIGH STREET PHARMACY"));
        asViewer().get("/api/v1/networks/" + code + "?asAt=2020-01-01").then().statusCode(200)
                .body("partners[0].type", equalTo("PHARMACY"));
        // A partner without an ODS code: the answer has no odsCode field, as the OpenAPI document says (not null).
        asCommissioner().filter(responseOnly()).body(Map.of("type", "VOLUNTARY_SECTOR", "name", "TOWN BEFRIENDERS"))
                .post("/api/v1/networks/" + code + "/partners").then().statusCode(201)
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("odsCode")));
        asCommissioner().filter(responseOnly()).body(Map.of("type", "CHEMIST", "name", "X")).post("/api/v1/networks/" + code + "/partners")
                .then().statusCode(400).body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("PHARMACY"));
    }

    @Test
    void aDuplicateRegistrationIsAConflict() {
        String code = registerNetwork("2019-07-01");
        asCommissioner().body(Map.of("code", code, "name", "AGAIN", "commissionerCode", "00C", "openDate",
                "2019-07-01")).post("/api/v1/networks").then().statusCode(409)
                .body("detail", containsString("already registered"));
    }
}
