package uk.nhs.pcn.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static uk.nhs.pcn.testsupport.openapi.OpenApiValidation.responseOnly;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.appointment;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.asCommissioner;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.asManager;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.knownNetwork;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Input workforce must refuse: authorisation first (a manager of another network gets 403 whatever the body), then
 * a 4xx naming the field for the wrong type, a date sent as a number, an unstorable character, a blank code or id,
 * a month outside 2000–2100. Each refusal writes nothing.
 */
@QuarkusTest
class RefusedInputTest {

    /** Bodies from right to nonsense: none of them may get past a token for another network. */
    static final List<String> ANY_BODY = List.of("{\"wte\":0.5,\"from\":\"2024-10-01\"}", "{\"wte\":7,\"from\":null}",
            "{\"wte\":\"lots\",\"from\":20241001}", "{\"unknown\":1}", "{\"wte\":", "not json", "[]", "");

    @Inject
    AgroalDataSource dataSource;

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long writes() throws SQLException {
        return count("SELECT (SELECT count(*) FROM outbox_event) + (SELECT count(*) FROM appointment_terms)"
                + " + (SELECT count(*) FROM monthly_claim)");
    }

    private static ValidatableResponse refused(Response response, int status, String field, String rule) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("errors[0].rule", equalTo(rule));
    }

    private static String appoint(String network) {
        return asManager(network).body(appointment("clinical-pharmacist", "1.0", "2024-04-01", "50000", "10000"))
                .post("/api/v1/networks/" + network + "/staff").then().statusCode(201).extract().path("id");
    }

    @Test
    void aManagerOfAnotherNetworkGets403WhateverTheBodyAndNothingIsWritten() throws SQLException {
        String theirs = knownNetwork("2019-07-01", 40_000);
        String mine = knownNetwork("2019-07-01", 40_000);
        String id = appoint(theirs);
        String staff = "/api/v1/networks/" + theirs + "/staff";
        long before = writes();
        for (String body : ANY_BODY) {
            for (String path : List.of(staff, staff + "/" + id + "/hours", staff + "/" + id + "/pay",
                    staff + "/" + id + "/end")) {
                asManager(mine).filter(responseOnly()).body(body).post(path).then().statusCode(403)
                        .contentType("application/problem+json").body("detail", containsString(theirs));
            }
            // A commissioner covers every network but does not manage its staff: 403 too, whatever the body.
            asCommissioner().filter(responseOnly()).body(body).post(staff + "/" + id + "/hours").then()
                    .statusCode(403);
            // No token: 401 before anything else.
            RestAssured.given().filter(responseOnly()).contentType("application/json").body(body)
                    .post(staff + "/" + id + "/hours").then().statusCode(401);
        }
        asManager(mine).filter(responseOnly()).post("/api/v1/networks/" + theirs + "/claims/0000-01").then()
                .statusCode(403);
        assertThat(writes()).isEqualTo(before);
        asCommissioner().get(staff + "/" + id).then().statusCode(200).body("terms", hasSize(1))
                .body("endDate", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "-2024-01", "0000-01", "1999-12", "2101-01", "2024-13", "2024-1", "%20" })
    void aMonthOutside2000To2100OrMalformedIsA400AndNoClaimIsStored(String month) throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        long before = writes();
        refused(asManager(network).filter(responseOnly()).urlEncodingEnabled(!month.startsWith("%"))
                .post("/api/v1/networks/" + network + "/claims/" + month), 400, "month", "year-month")
                .body("errors[0].message", containsString("2000-01"));
        refused(asCommissioner().filter(responseOnly()).urlEncodingEnabled(!month.startsWith("%"))
                .get("/api/v1/networks/" + network + "/claims/" + month), 400, "month", "year-month");
        assertThat(writes()).isEqualTo(before);
        refused(asCommissioner().filter(responseOnly())
                .get("/api/v1/networks/" + network + "/claims?financialYear=0000/01"), 400, "financialYear",
                "financial-year");
    }

    @Test
    void aMonthInAnotherScriptsDigitsIsA400AndNoClaimIsStored() throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        long before = writes();
        refused(asManager(network).filter(responseOnly()).post("/api/v1/networks/" + network + "/claims/١٢٣٤-01"),
                400, "month", "ascii-digits").body("errors[0].message", containsString("0-9"));
        assertThat(writes()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = { "20240630", "[2024,6,30]", "\"2024-06-31\"", "\"\"" })
    void aDateSentAsANumberOrAnotherShapeIsA400AndTheAppointmentStaysAsItWas(String date) throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        String id = appoint(network);
        String base = "/api/v1/networks/" + network + "/staff/" + id;
        long before = writes();
        refused(asManager(network).filter(responseOnly()).body("{\"lastDay\":" + date + "}").post(base + "/end"),
                400, "lastDay", "type").body("errors[0].message", containsString("YYYY-MM-DD (a string)"));
        refused(asManager(network).filter(responseOnly()).body("{\"wte\":0.5,\"from\":" + date + "}")
                .post(base + "/hours"), 400, "from", "type");
        var body = appointment("clinical-pharmacist", "1.0", "2024-04-01", "50000", "10000");
        body.put("startDate", date.startsWith("\"") ? date.substring(1, date.length() - 1) : Long.valueOf(20240401));
        refused(asManager(network).filter(responseOnly()).body(body).post("/api/v1/networks/" + network + "/staff"),
                400, "startDate", "type");
        assertThat(writes()).isEqualTo(before);
        asManager(network).get(base).then().statusCode(200).body("endDate", nullValue()).body("terms", hasSize(1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"0.5\"", "\"\"", "true", "[0.5]" })
    void wteAndPayAreTakenOnlyFromJsonNumbers(String value) throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        String id = appoint(network);
        String base = "/api/v1/networks/" + network + "/staff/" + id;
        long before = writes();
        refused(asManager(network).filter(responseOnly()).body("{\"wte\":" + value + ",\"from\":\"2024-10-01\"}")
                .post(base + "/hours"), 400, "wte", "type");
        refused(asManager(network).filter(responseOnly()).body("{\"fullTimeAnnualSalary\":" + value
                + ",\"fullTimeAnnualOnCosts\":1,\"from\":\"2024-10-01\"}").post(base + "/pay"), 400,
                "fullTimeAnnualSalary", "type");
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void aNulOrControlCharacterInAnyTextIsA400NamingTheField() throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        long before = writes();
        for (String field : List.of("employingOrganisation", "payBand", "staffReference", "roleCode")) {
            Map<String, Object> body = appointment("clinical-pharmacist", "1.0", "2024-04-01", "50000", "10000");
            body.put(field, "A\u0000B");
            refused(asManager(network).filter(responseOnly()).body(body)
                    .post("/api/v1/networks/" + network + "/staff"), 400, field, "text-characters");
            body.put(field, "A\u001bB");
            refused(asManager(network).filter(responseOnly()).body(body)
                    .post("/api/v1/networks/" + network + "/staff"), 400, field, "text-characters");
        }
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void aBlankOrMalformedCodeOrIdInThePathIsA400NamingIt() throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        String id = appoint(network);
        long before = writes();
        refused(asManager(network).filter(responseOnly()).urlEncodingEnabled(false)
                .body(appointment("clinical-pharmacist", "1.0", "2024-04-01", "50000", "10000"))
                .post("/api/v1/networks/%20/staff"), 400, "code", "required");
        refused(asCommissioner().filter(responseOnly()).urlEncodingEnabled(false)
                .post("/api/v1/networks/%20/claims/2024-06"), 400, "code", "required");
        for (String badId : List.of("%20", "not-a-uuid", "1-1-1-1-1", id.substring(1))) {
            refused(asManager(network).filter(responseOnly()).urlEncodingEnabled(false)
                    .body(Map.of("lastDay", "2024-06-30"))
                    .post("/api/v1/networks/" + network + "/staff/" + badId + "/end"), 400, "id", "uuid");
        }
        assertThat(writes()).isEqualTo(before);
    }
}
