package uk.nhs.pcn.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.referral.ReferralTestSupport.appointLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.asLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.networkWithPractice;
import static uk.nhs.pcn.referral.ReferralTestSupport.newNhsNumber;
import static uk.nhs.pcn.referral.ReferralTestSupport.refer;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.testsupport.fuzz.RequestFuzzer;

/**
 * At least 10,000 generated bad requests across every write operation of the referral service's OpenAPI document
 * (see {@link RequestFuzzer}): none may get a 5xx, every 4xx is problem+json naming the field, a link worker or
 * referrer of another network gets 403 whatever the body, and the database is unchanged after those that must be
 * refused. Runs before the check that no patient identifier leaves the service, which then covers these requests.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 2)
// In the default suite; tagged so that -Dgroups=fuzz runs the four fuzz tests alone (docs/reliability.md).
@Tag("fuzz")
class ReferralRequestFuzzTest {

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URI root;

    @Test
    void noBadRequestGetsA5xxOrChangesAnything() {
        String[] seeded = networkWithPractice();
        String[] other = networkWithPractice();
        String network = seeded[0];
        String practice = seeded[1];
        appointLinkWorker(network, "1.0", LocalDate.now().minusYears(1));
        appointLinkWorker(other[0], "1.0", LocalDate.now().minusYears(1));

        // One referral just made (accept, decline, withdraw, did-not-attend) and one part-way along the pathway.
        String fresh = refer(practice, newNhsNumber()).getString("id");
        String along = refer(practice, newNhsNumber()).getString("id");
        String base = "/api/v1/referrals/" + along;
        asLinkWorker(network).body("{}").post(base + "/accept").then().statusCode(200);
        asLinkWorker(network).body(Map.of("whatMatters", "Getting out of the house")).post(base + "/first-contact")
                .then().statusCode(200);
        asLinkWorker(network).body(Map.of("plan", "Walking group")).post(base + "/plan").then().statusCode(200);
        String connection = asLinkWorker(network).body(Map.of("serviceName", "Riverside walking group",
                "serviceType", "VOLUNTARY", "mode", "SIGNPOSTED")).post(base + "/connections").then().statusCode(201)
                .extract().jsonPath().getString("id");

        RequestFuzzer.Result result = RequestFuzzer.of(root)
                .database(dataSource)
                .scope(List.of(network), List.of(practice))
                .otherScope(List.of(other[0]), List.of(other[1]))
                .operation("referPerson", op -> op.body(Map.of("practiceCode", practice, "source", "GP",
                        "needs", List.of("LONELINESS", "DEBT_AND_MONEY"), "consentToShare", true,
                        "person", Map.of("dateOfBirth", "1958-03-14", "phone", "01632 960123")))
                        .omit("referralDate")
                        .fresh("person.nhsNumber", ReferralTestSupport::newNhsNumber))
                .operation("acceptReferral", op -> op.path("id", fresh))
                .operation("declineReferral", op -> op.path("id", fresh))
                .operation("withdrawReferral", op -> op.path("id", fresh))
                .operation("recordDidNotAttend", op -> op.path("id", fresh))
                .operation("recordFirstContact", op -> op.path("id", along))
                .operation("agreePlan", op -> op.path("id", along))
                .operation("connectToService", op -> op.path("id", along)
                        .body(Map.of("connectedOn", LocalDate.now().toString())))
                .operation("recordAttendance", op -> op.path("id", along).path("connectionId", connection))
                .operation("recordFollowUp", op -> op.path("id", along))
                .operation("recordOutcome", op -> op.path("id", along).body(Map.of("measure", "ONS4",
                        "timepoint", "FIRST_CONTACT", "items", List.of(4, 5, 3, 8))))
                .operation("dischargePerson", op -> op.path("id", along).body(Map.of("reason", "GOALS_MET")))
                .run();

        assertThat(result.requests()).isGreaterThanOrEqualTo(10_000);
        assertThat(result.operations()).isEqualTo(12);
    }
}
