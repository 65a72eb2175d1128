package uk.nhs.pcn.registry.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static uk.nhs.pcn.registry.RegistryTestSupport.asCommissioner;
import static uk.nhs.pcn.registry.RegistryTestSupport.asViewer;
import static uk.nhs.pcn.registry.RegistryTestSupport.newPracticeCode;
import static uk.nhs.pcn.registry.RegistryTestSupport.recordListSize;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerNetwork;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerPractice;
import static uk.nhs.pcn.testsupport.openapi.OpenApiValidation.responseOnly;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * Input the registry must refuse with a 4xx problem naming the field, never a 500 and never a silently different
 * record: characters PostgreSQL cannot store, blank path codes, numbers where dates belong, fractions and strings
 * where whole numbers belong, broken uploads; and authorisation before any of it. Each refusal writes nothing.
 *
 * <p>In this package rather than the module's root because it registers practices: test classes run in name order,
 * and the import tests (package {@code imports}) count the registry's unaffiliated practices and the memberships a
 * national file ends, so they must run first.
 */
@QuarkusTest
class RefusedInputTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    AgroalDataSource dataSource;

    /** A deliberate bad request: the document describes the good ones, so only the answer is checked. */
    private static RequestSpecification bad() {
        return asCommissioner().filter(responseOnly());
    }

    private static ValidatableResponse refused(io.restassured.response.Response response, int status, String field,
            String rule) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("errors[0].rule", equalTo(rule));
    }

    private long outbox() throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT count(*) FROM outbox_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aNulOrOtherUnstorableCharacterInAnyNameIsA400NamingTheFieldAndWritesNothing() throws SQLException {
        String network = registerNetwork("2019-07-01");
        long before = outbox();
        refused(bad().body("{\"name\":\"RENAMED\\u0000 PCN\",\"effectiveDate\":\"2022-04-01\"}")
                .post("/api/v1/networks/" + network + "/rename"), 400, "name", "text-characters")
                .body("errors[0].message", containsString("U+0000"));
        refused(bad().body("{\"name\":\"Dr \\ud800 Example\",\"from\":\"2022-04-01\"}")
                .put("/api/v1/networks/" + network + "/clinical-director"), 400, "name", "text-characters");
        String practice = newPracticeCode();
        refused(bad().body("{\"code\":\"" + practice + "\",\"name\":\"SURGERY\\u0000\",\"commissionerCode\":\"00C\"}")
                .post("/api/v1/practices"), 400, "name", "text-characters");
        refused(bad().body("{\"code\":\"U00998\",\"name\":\"BELL\\u0007 PCN\",\"commissionerCode\":\"00C\","
                + "\"openDate\":\"2019-07-01\"}").post("/api/v1/networks"), 400, "name", "text-characters");
        refused(bad().body("{\"type\":\"PHARMACY\",\"name\":\"\\u0000\"}")
                .post("/api/v1/networks/" + network + "/partners"), 400, "name", "text-characters");

        assertThat(outbox()).isEqualTo(before);
        asViewer().get("/api/v1/networks/" + network).then().statusCode(200)
                .body("name", equalTo("TEST PCN " + network)).body("clinicalDirector", nullValue());
        asViewer().get("/api/v1/practices/" + practice).then().statusCode(404);
    }

    @Test
    void aNulInAQueryParameterIsA400NamingTheParameter() throws SQLException {
        long before = outbox();
        refused(bad().contentType("text/csv").urlEncodingEnabled(false)
                .body("CODE,NUMBER_OF_PATIENTS,EXTRACT_DATE\n")
                .post("/api/v1/imports/list-sizes?fileName=sizes%00.csv"), 400, "fileName", "text-characters");
        assertThat(outbox()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = { "%20", "%20%20", "%09", "U1234", "u-123", "U1234%00" })
    void aBlankOrMalformedCodeInThePathIsA400NamingTheCodeAndWritesNothing(String code) throws SQLException {
        String network = registerNetwork("2019-07-01");
        long before = outbox();
        String rule = code.contains("%00") ? "text-characters" : code.startsWith("%") ? "required" : "pattern";
        Map<String, Map<String, Object>> writes = Map.of(
                "/networks/" + code + "/rename", Map.of("name", "X", "effectiveDate", "2022-04-01"),
                "/networks/" + code + "/close", Map.of("closeDate", "2022-04-01"),
                "/networks/" + code + "/partners", Map.of("type", "PHARMACY", "name", "X"),
                "/practices/" + code + "/memberships", Map.of("networkCode", network, "from", "2022-04-01"),
                "/practices/" + code + "/memberships/leave", Map.of("to", "2022-04-01"),
                "/practices/" + code + "/memberships/move", Map.of("networkCode", network, "from", "2022-04-01"),
                "/practices/" + code + "/list-sizes", Map.of("asAt", "2022-01-01", "registeredPatients", 1));
        writes.forEach((path, body) -> refused(bad().urlEncodingEnabled(false).body(body).post("/api/v1" + path),
                400, "code", rule));
        refused(bad().urlEncodingEnabled(false).body(Map.of("name", "Dr A", "from", "2022-04-01"))
                .put("/api/v1/networks/" + code + "/clinical-director"), 400, "code", rule);
        assertThat(outbox()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = { "20240101", "19723", "[2024,3,31]", "\"20240331\"", "\"2024-02-30\"", "\"\"" })
    void aDateSentAsANumberOrInAnotherShapeIsA400AndTheNetworkStaysAsItWas(String date) throws SQLException {
        String network = registerNetwork("2019-07-01");
        long before = outbox();
        refused(bad().body("{\"closeDate\":" + date + "}").post("/api/v1/networks/" + network + "/close"),
                400, "closeDate", "type").body("errors[0].message", containsString("YYYY-MM-DD (a string)"));
        refused(bad().body("{\"name\":\"NEW NAME\",\"effectiveDate\":" + date + "}")
                .post("/api/v1/networks/" + network + "/rename"), 400, "effectiveDate", "type");
        refused(bad().body("{\"name\":\"Dr A\",\"from\":" + date + "}")
                .put("/api/v1/networks/" + network + "/clinical-director"), 400, "from", "type");
        assertThat(outbox()).isEqualTo(before);
        asViewer().get("/api/v1/networks/" + network).then().statusCode(200).body("status", equalTo("OPEN"))
                .body("closeDate", nullValue()).body("name", equalTo("TEST PCN " + network));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-0.001", "0.0001", "1.5", "12.0", "\"12\"", "\"١٢\"", "true", "\"\"" })
    void aListSizeIsTakenOnlyFromAJsonInteger(String registered) throws SQLException {
        String practice = registerPractice();
        recordListSize(practice, "2021-01-01", 5_000);
        long before = outbox();
        refused(bad().body("{\"asAt\":\"2021-01-01\",\"registeredPatients\":" + registered + "}")
                .post("/api/v1/practices/" + practice + "/list-sizes"), 400, "registeredPatients", "type")
                .body("errors[0].message", containsString("whole number"));
        assertThat(outbox()).isEqualTo(before);
        asViewer().get("/api/v1/practices/" + practice + "/list-sizes/2021-01-01").then().statusCode(200)
                .body("registeredPatients", equalTo(5000));
    }

    @Test
    void aPopulationIsTakenOnlyFromAJsonNumber() {
        String practice = registerPractice();
        refused(bad().body("{\"asAt\":\"2021-01-01\",\"registeredPatients\":10,\"weightedPopulation\":\"12.5\"}")
                .post("/api/v1/practices/" + practice + "/list-sizes"), 400, "weightedPopulation", "type");
        asViewer().get("/api/v1/practices/" + practice + "/list-sizes").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aCallerWithoutTheRoleGets403WhateverTheBodyAndNoTokenGets401() {
        String network = registerNetwork("2019-07-01");
        for (String body : new String[] { "{\"closeDate\":", "{\"closeDate\":20240101}", "not json", "" }) {
            asViewer().filter(responseOnly()).body(body).post("/api/v1/networks/" + network + "/close").then()
                    .statusCode(403).contentType("application/problem+json");
            RestAssured.given().filter(responseOnly()).contentType("application/json").body(body)
                    .post("/api/v1/networks/" + network + "/close").then().statusCode(401)
                    .contentType("application/problem+json");
        }
        given(TestTokens.pcnManager(network)).filter(responseOnly()).urlEncodingEnabled(false).body("{")
                .post("/api/v1/networks/%20/close").then().statusCode(403);
        asViewer().get("/api/v1/networks/" + network).then().body("status", equalTo("OPEN"));
    }

    private static RequestSpecification given(String token) {
        return RestAssured.given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "garbage", "--XYZ\r\nContent-Disposition: form-data; name=\"workbook\"; "
            + "filename=\"e.xlsx\"\r\n\r\nPK\u0003\u0004 cut short", "--XYZ--\r\n" })
    void aBrokenOrEmptyMultipartBodyIsA400(String body) throws SQLException {
        long before = outbox();
        bad().contentType("multipart/form-data; boundary=XYZ").body(body.getBytes(StandardCharsets.ISO_8859_1))
                .post("/api/v1/imports/epcn").then().statusCode(400).contentType("application/problem+json");
        bad().contentType("multipart/form-data").body(body.getBytes(StandardCharsets.ISO_8859_1))
                .post("/api/v1/imports/epcn").then().statusCode(400).contentType("application/problem+json");
        assertThat(outbox()).isEqualTo(before);
    }

    @Test
    void aCorruptWorkbookIsA400InTheUsersWordsNotTheLibrarys() {
        byte[] corrupt = "PK\u0003\u0004\u0014\u0000\u0000\u0000 this is not really a zip file"
                .getBytes(StandardCharsets.ISO_8859_1);
        String detail = asCommissioner().contentType(XLSX).body(corrupt).post("/api/v1/imports/epcn").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("file"))
                .extract().path("detail");
        assertThat(detail).contains("xlsx").doesNotContainIgnoringCase("poi").doesNotContainIgnoringCase("zip")
                .doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("allocate");
        asCommissioner().contentType("multipart/form-data").multiPart("workbook", "ePCN.xlsx", corrupt, XLSX)
                .post("/api/v1/imports/epcn").then().statusCode(400).body("detail", not(containsString("POI")));
    }

    @Test
    void aNulInAnImportedCellIsA422NamingTheRowAndColumnAndNothingIsImported() throws SQLException {
        String header = "PCN Code,PCN Name,Current Sub ICB Loc Code,Open Date (YYYYMMDD),Close Date,Postcode\n";
        String partnersHeader = "Partner Organisation Code,Partner Name,Practice Parent Sub ICB Loc Code,PCN Code,"
                + "Practice to PCN Relationship Start Date,Practice to PCN Relationship End Date\n";
        long before = outbox();
        importCsv(header + "U00997,NUL\u0000 PCN,00C,20191001,,\n", partnersHeader)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("PCN Details")).body("errors[0].rule", equalTo("text-characters"))
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo("pcn name"))
                .body("errors[0].message", containsString("U+0000"));
        importCsv(header + "U00997,A PCN,00C,20191001,,\n",
                partnersHeader + "Z99990,SUR\u0001GERY,00C,U00997,20191001,\n")
                .then().statusCode(422).body("errors[0].field", equalTo("PCN Core Partner Details"))
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo("partner name"));
        assertThat(outbox()).isEqualTo(before);
        asViewer().get("/api/v1/networks/U00997").then().statusCode(404);

        asCommissioner().contentType("text/csv").body("CODE,NUMBER_OF_PATIENTS,EXTRACT_DATE\nZ99991,١٢,01JAN2021\n")
                .post("/api/v1/imports/list-sizes").then().statusCode(422)
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo("NUMBER_OF_PATIENTS"));
    }

    private static io.restassured.response.Response importCsv(String details, String partners) {
        return asCommissioner().contentType("multipart/form-data")
                .multiPart("pcnDetails", "details.csv", details.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("corePartnerDetails", "partners.csv", partners.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/v1/imports/epcn");
    }

    @Test
    void aVeryLongQueryStringIsA414Problem() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/api/v1/networks?asAt=" + "9".repeat(10_000)))
                .header("Authorization", TestTokens.bearer(TestTokens.viewer())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(414);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":414");
        // Beyond the 64 KiB request line Vert.x itself answers, before any route: still a 414, without a body.
        HttpResponse<String> huge = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/api/v1/networks?asAt=" + "9".repeat(70_000)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).isEqualTo(414);
    }
}
