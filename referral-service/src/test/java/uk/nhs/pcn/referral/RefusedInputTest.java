package uk.nhs.pcn.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static uk.nhs.pcn.referral.ReferralTestSupport.appointLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.as;
import static uk.nhs.pcn.referral.ReferralTestSupport.asLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.networkWithPractice;
import static uk.nhs.pcn.referral.ReferralTestSupport.newNhsNumber;
import static uk.nhs.pcn.referral.ReferralTestSupport.refer;
import static uk.nhs.pcn.referral.ReferralTestSupport.referral;
import static uk.nhs.pcn.testsupport.openapi.OpenApiValidation.responseOnly;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * Input referrals must refuse with a 4xx naming the field: a character that cannot be stored in any name or note,
 * values of the wrong JSON type, a blank code, a malformed id, a month outside 2000–2100; and a link worker of
 * another network gets 403 whatever the body. Each refusal writes nothing.
 */
@QuarkusTest
class RefusedInputTest {

    @Inject
    AgroalDataSource dataSource;

    private long writes() throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT (SELECT count(*) FROM outbox_event) + (SELECT count(*) FROM referral)"
                        + " + (SELECT count(*) FROM referral_step) + (SELECT count(*) FROM outcome)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ValidatableResponse refused(Response response, String field, String rule) {
        return response.then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("errors[0].rule", equalTo(rule));
    }

    @Test
    void aNulOrControlCharacterInAnyNameOrNoteIsA400NamingTheFieldAndNoReferralIsMade() throws SQLException {
        String practice = networkWithPractice()[1];
        var referrer = as(TestTokens.referrer("referrer-" + practice, practice)).filter(responseOnly());
        long before = writes();
        for (String field : List.of("givenName", "familyName", "address")) {
            Map<String, Object> body = referral(practice, newNhsNumber());
            @SuppressWarnings("unchecked")
            Map<String, Object> person = (Map<String, Object>) body.get("person");
            person.put(field, "Test\u0000name");
            refused(referrer.body(body).post("/api/v1/referrals"), "person." + field, "text-characters")
                    .body("errors[0].message", containsString("U+0000"))
                    .body("errors[0].message", org.hamcrest.Matchers.not(containsString("Test")));
        }
        Map<String, Object> notes = referral(practice, newNhsNumber());
        notes.put("referrerNotes", "Worried \ud800 about bills");
        refused(referrer.body(notes).post("/api/v1/referrals"), "referrerNotes", "text-characters");
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void aReferralsValuesAreTakenOnlyInTheirOwnJsonTypes() throws SQLException {
        String practice = networkWithPractice()[1];
        var referrer = as(TestTokens.referrer("referrer-" + practice, practice)).filter(responseOnly());
        long before = writes();
        Map<String, Object> consent = referral(practice, newNhsNumber());
        consent.put("consentToShare", "true");
        refused(referrer.body(consent).post("/api/v1/referrals"), "consentToShare", "type");
        Map<String, Object> needs = referral(practice, newNhsNumber());
        needs.put("needs", List.of(0));
        refused(referrer.body(needs).post("/api/v1/referrals"), "needs[0]", "type");
        Map<String, Object> born = referral(practice, newNhsNumber());
        @SuppressWarnings("unchecked")
        Map<String, Object> person = (Map<String, Object>) born.get("person");
        person.put("dateOfBirth", 19580314);
        refused(referrer.body(born).post("/api/v1/referrals"), "person.dateOfBirth", "type");
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void aLinkWorkerOfAnotherNetworkGets403WhateverTheBodyAndTheReferralIsUnchanged() throws SQLException {
        String[] np = networkWithPractice();
        appointLinkWorker(np[0], "1.0", LocalDate.now().minusYears(1));
        String id = refer(np[1], newNhsNumber()).getString("id");
        String other = networkWithPractice()[0];
        long before = writes();
        for (String body : List.of("{}", "{\"note\":\"fine\"}", "{\"note\":\"\\u0000\"}", "{\"note\":5}",
                "{\"reason\":0}", "{\"unknown\":1}", "{", "")) {
            for (String step : List.of("accept", "decline", "first-contact", "discharge", "withdraw", "outcomes")) {
                asLinkWorker(other).filter(responseOnly()).body(body).post("/api/v1/referrals/" + id + "/" + step)
                        .then().statusCode(403).contentType("application/problem+json");
            }
        }
        assertThat(writes()).isEqualTo(before);
        // The referral's own link worker is told what is wrong with the body instead.
        refused(asLinkWorker(np[0]).filter(responseOnly()).body("{\"note\":\"\\u0000\"}")
                .post("/api/v1/referrals/" + id + "/accept"), "note", "text-characters");
        refused(asLinkWorker(np[0]).filter(responseOnly()).body("{\"measure\":\"ONS4\",\"timepoint\":"
                + "\"FIRST_CONTACT\",\"items\":[4,5.5,3,8]}").post("/api/v1/referrals/" + id + "/outcomes"),
                "items[1]", "type");
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void aMalformedIdOrBlankCodeInThePathIsA400NamingIt() {
        String[] np = networkWithPractice();
        String network = np[0];
        appointLinkWorker(network, "1.0", LocalDate.now().minusYears(1));
        String id = refer(np[1], newNhsNumber()).getString("id");
        refused(asLinkWorker(network).filter(responseOnly()).urlEncodingEnabled(false).body("{}")
                .post("/api/v1/referrals/%20/accept"), "id", "uuid");
        refused(asLinkWorker(network).filter(responseOnly()).body(Map.of("attended", true))
                .put("/api/v1/referrals/" + id + "/connections/not-a-uuid/attendance"), "connectionId",
                "uuid");
        refused(asLinkWorker(network).filter(responseOnly()).urlEncodingEnabled(false)
                .get("/api/v1/networks/%20/caseload"), "code", "required");
        for (String month : List.of("-2024-01", "0000-01", "2101-01")) {
            refused(asLinkWorker(network).filter(responseOnly())
                    .get("/api/v1/networks/" + network + "/reports/referrals?month=" + month), "month", "year-month");
        }
        // Digits from another script are refused in every parameter, before any reads it as a month.
        refused(asLinkWorker(network).filter(responseOnly())
                .get("/api/v1/networks/" + network + "/reports/referrals?month=١٢٣٤-01"), "month", "ascii-digits");
    }
}
