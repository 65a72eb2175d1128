package uk.nhs.pcn.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static uk.nhs.pcn.funding.FundingTestSupport.asCommissioner;
import static uk.nhs.pcn.funding.FundingTestSupport.asFinance;
import static uk.nhs.pcn.funding.FundingTestSupport.asManager;
import static uk.nhs.pcn.funding.FundingTestSupport.networkWithPractice;
import static uk.nhs.pcn.testsupport.openapi.OpenApiValidation.responseOnly;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Input funding must refuse with a 4xx naming the field, after authorisation: a number where a date belongs,
 * fractions, strings or other digits where a count of beds belongs, a blank network code, a month outside 2000–2100.
 * Each refusal writes nothing.
 */
@QuarkusTest
class RefusedInputTest {

    @Inject
    AgroalDataSource dataSource;

    static String network;

    @BeforeEach
    void aNetwork() {
        if (network == null) {
            network = networkWithPractice(40_000, "41000.5", "40500.25").get(0);
        }
    }

    private long writes() throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT (SELECT count(*) FROM outbox_event) + (SELECT count(*) FROM care_home_beds)"
                        + " + (SELECT count(*) FROM confirmed_month)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ValidatableResponse refused(Response response, String field, String rule) {
        return response.then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("errors[0].rule", equalTo(rule));
    }

    private String beds() {
        return "/api/v1/networks/" + network + "/care-home-beds";
    }

    @Test
    void careHomeBedsAreAWholeNumberFromAJsonIntegerAndTheDateAYyyyMmDdString() throws SQLException {
        long before = writes();
        for (String count : List.of("-0.001", "0.0001", "12.5", "12.0", "\"12\"", "\"١٢\"", "true", "\"\"",
                "99999999999")) {
            refused(asCommissioner().filter(responseOnly()).body("{\"from\":\"2025-04-01\",\"beds\":" + count + "}")
                    .post(beds()), "beds", count.equals("99999999999") ? "range" : "type");
        }
        for (String date : List.of("20250401", "[2025,4,1]", "\"2025-02-29\"", "\"01/04/2025\"", "\"\"")) {
            refused(asCommissioner().filter(responseOnly()).body("{\"from\":" + date + ",\"beds\":20}")
                    .post(beds()), "from", "type")
                    .body("errors[0].message", containsString("YYYY-MM-DD (a string)"));
        }
        refused(asCommissioner().filter(responseOnly()).body("{\"from\":\"2025-04-01\",\"beds\":20,\"note\":\"x\"}")
                .post(beds()), "note", "unknown-field");
        assertThat(writes()).isEqualTo(before);
        asCommissioner().get(beds()).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void onlyACommissionerRecordsBedsWhateverTheBody() throws SQLException {
        long before = writes();
        for (String body : List.of("{\"from\":\"2025-04-01\",\"beds\":20}", "{\"from\":20250401}", "{", "")) {
            asManager(network).filter(responseOnly()).body(body).post(beds()).then().statusCode(403)
                    .contentType("application/problem+json");
            asFinance().filter(responseOnly()).body(body).post(beds()).then().statusCode(403);
            asManager(network).filter(responseOnly()).urlEncodingEnabled(false).body(body)
                    .post("/api/v1/networks/%20/care-home-beds").then().statusCode(403);
        }
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void aBlankNetworkCodeIsA400NamingTheCode() throws SQLException {
        long before = writes();
        refused(asCommissioner().filter(responseOnly()).urlEncodingEnabled(false)
                .body("{\"from\":\"2025-04-01\",\"beds\":20}").post("/api/v1/networks/%20/care-home-beds"),
                "code", "required");
        refused(asCommissioner().filter(responseOnly()).urlEncodingEnabled(false)
                .post("/api/v1/networks/%20/payments/2025-04/confirm"), "code", "required");
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void aMonthOutside2000To2100IsA400AndNothingIsConfirmedAndOnlyConfirmersAreTold() throws SQLException {
        long before = writes();
        String payments = "/api/v1/networks/" + network + "/payments/";
        for (String month : List.of("-2024-01", "0000-01", "1999-12", "2101-01", "2025-13", "١٢٣٤-01")) {
            // Digits from another script are refused in every parameter, before any reads it as a month.
            refused(asCommissioner().filter(responseOnly()).post(payments + month + "/confirm"), "month",
                    month.startsWith("١") ? "ascii-digits" : "year-month");
            // Authorisation first: a PCN manager may not confirm, whatever the month says. (A parameter holding a
            // character no parameter may hold, such as another script's digits or a NUL, is refused by the
            // platform's parameter filter before the confirmer check in the resource: still a refusal, 400.)
            asManager(network).filter(responseOnly()).post(payments + month + "/confirm").then()
                    .statusCode(month.startsWith("١") ? 400 : 403);
        }
        refused(asCommissioner().filter(responseOnly())
                .get("/api/v1/networks/" + network + "/payments?financialYear=0000/01"), "financialYear",
                "financial-year");
        refused(asCommissioner().filter(responseOnly()).get("/api/v1/arrs?financialYear=-001/00"), "financialYear",
                "financial-year");
        assertThat(writes()).isEqualTo(before);
    }
}
