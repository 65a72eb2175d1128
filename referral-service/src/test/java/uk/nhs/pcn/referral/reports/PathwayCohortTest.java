package uk.nhs.pcn.referral.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static uk.nhs.pcn.referral.ReferralTestSupport.appointLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.as;
import static uk.nhs.pcn.referral.ReferralTestSupport.asLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.networkWithPractice;
import static uk.nhs.pcn.referral.ReferralTestSupport.newNhsNumber;
import static uk.nhs.pcn.referral.ReferralTestSupport.refer;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.pcn.testsupport.TestTokens;
import uk.nhs.pcn.testsupport.openapi.OpenApiValidation;

/**
 * The pathway cohort report: of the referrals received in a period, how many reached each step. Counts only, for the
 * same readers as the monthly report.
 */
@QuarkusTest
class PathwayCohortTest {

    @Test
    void ofTheReferralsReceivedInThePeriodItCountsHowManyReachedEachStep() {
        String[] np = networkWithPractice();
        String network = np[0];
        appointLinkWorker(network, "1.0", LocalDate.now().minusYears(1));
        String nhsNumber = newNhsNumber();
        String discharged = refer(np[1], nhsNumber).getString("id");
        String acceptedOnly = refer(np[1], newNhsNumber()).getString("id");
        String declined = refer(np[1], newNhsNumber()).getString("id");
        refer(np[1], newNhsNumber());

        step(network, discharged, "accept", Map.of());
        step(network, discharged, "first-contact", Map.of("whatMatters", "Company; getting out"));
        step(network, discharged, "plan", Map.of("plan", "Walking group"));
        step(network, discharged, "discharge", Map.of("reason", "GOALS_MET"));
        step(network, acceptedOnly, "accept", Map.of());
        step(network, declined, "decline", Map.of("reason", "PERSON_DECLINED"));

        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        String path = "/api/v1/networks/" + network + "/reports/pathway";
        String body = as(TestTokens.pcnManager(network)).get(path + "?from=" + today.minusDays(30) + "&to=" + today)
                .then().statusCode(200).extract().asString();
        JsonPath cohort = new JsonPath(body);
        assertThat(cohort.getInt("received")).isEqualTo(4);
        assertThat(cohort.getInt("accepted")).isEqualTo(2);
        assertThat(cohort.getInt("firstContact")).isEqualTo(1);
        assertThat(cohort.getInt("planAgreed")).isEqualTo(1);
        assertThat(cohort.getInt("discharged")).isEqualTo(1);
        assertThat(cohort.getInt("declined")).isEqualTo(1);
        assertThat(cohort.getInt("open")).isEqualTo(2);
        assertThat(cohort.getString("from")).isEqualTo(today.minusDays(30).toString());
        // Counts only: nothing that identifies a person, not even a referral's id.
        assertThat(body).doesNotContain(nhsNumber).doesNotContain(discharged).doesNotContain("Walking group");

        // Referrals received before the period are not in its cohort.
        as(TestTokens.commissioner()).get(path + "?from=" + today.minusDays(60) + "&to=" + today.minusDays(31))
                .then().statusCode(200).body("received", equalTo(0)).body("discharged", equalTo(0));

        // The monthly report's readers, and only them.
        as(TestTokens.pcnManager("U99998")).get(path + "?from=" + today + "&to=" + today).then().statusCode(403);
        as(TestTokens.referrer("referrer-" + np[1], np[1])).get(path + "?from=" + today + "&to=" + today).then()
                .statusCode(403);
        as(TestTokens.pcnManager(network)).get(path + "?from=" + today + "&to=" + today.minusDays(1)).then()
                .statusCode(400).body("errors.field", hasItem("to"));
        as(TestTokens.pcnManager(network)).filter(OpenApiValidation.responseOnly()).get(path + "?to=" + today)
                .then().statusCode(400)
                .body("errors.field", hasItem("from"));
    }

    private static void step(String network, String id, String step, Map<String, ?> body) {
        asLinkWorker(network).body(body).post("/api/v1/referrals/" + id + "/" + step).then().statusCode(200);
    }
}
