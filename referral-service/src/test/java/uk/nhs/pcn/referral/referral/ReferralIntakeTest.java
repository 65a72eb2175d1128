package uk.nhs.pcn.referral.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static uk.nhs.pcn.referral.ReferralTestSupport.appointLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.as;
import static uk.nhs.pcn.referral.ReferralTestSupport.asLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.networkWithPractice;
import static uk.nhs.pcn.referral.ReferralTestSupport.newNhsNumber;
import static uk.nhs.pcn.referral.ReferralTestSupport.newPracticeCode;
import static uk.nhs.pcn.referral.ReferralTestSupport.refer;
import static uk.nhs.pcn.referral.ReferralTestSupport.referral;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TestTokens;
import uk.nhs.pcn.testsupport.TopicRecorder;
import uk.nhs.pcn.testsupport.openapi.OpenApiValidation;

/** Referrals in: where they go, and what is refused and why. */
@QuarkusTest
class ReferralIntakeTest {

    @Test
    void aReferralGoesToTheNetworksLinkWorkerWithTheMostSparePlacesAndIsPublishedPseudonymised() {
        String[] np = networkWithPractice();
        String network = np[0];
        String practice = np[1];
        String partTime = appointLinkWorker(network, "0.2", LocalDate.of(2024, 4, 1));    // 50 places
        String fullTime = appointLinkWorker(network, "1.0", LocalDate.of(2024, 4, 1));    // 250 places
        String nhsNumber = newNhsNumber();
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REFERRAL)) {
            JsonPath created = refer(practice, nhsNumber);

            assertThat(created.getString("networkCode")).isEqualTo(network);
            assertThat(created.getString("state")).isEqualTo("RECEIVED");
            assertThat(created.getString("appointmentId")).isEqualTo(fullTime).isNotEqualTo(partTime);
            assertThat(created.getList("nextSteps", String.class)).containsExactly("accept", "decline",
                    "did-not-attend", "withdraw");
            String id = created.getString("id");
            List<RecordedEvent> events = topic.await(e -> id.equals(e.text("referralId")), 2, Duration.ofSeconds(20));
            RecordedEvent received = events.get(0);
            assertThat(received.type()).isEqualTo("uk.nhs.pcn.referral.ReferralReceived.v1");
            assertThat(received.key()).isEqualTo(network);
            assertThat(received.text("personPseudonym")).matches("[0-9a-f]{64}");
            assertThat(received.text("ageBand")).isNotBlank();
            assertThat(new String(received.rawBody())).doesNotContain(nhsNumber, "Testsurname", "1958-03-14",
                    "bereavement", "example.org");
            assertThat(events.get(1).type()).isEqualTo("uk.nhs.pcn.referral.ReferralAssigned.v1");
            assertThat(events.get(1).text("appointmentId")).isEqualTo(fullTime);
            assertThat(events.get(1).text("reason")).isEqualTo("NEW");
        }
    }

    @Test
    void theSamePersonGetsTheSamePseudonymAndASecondOpenReferralInTheNetworkIsRefusedWithAPointer() {
        String[] np = networkWithPractice();
        appointLinkWorker(np[0], "1.0", LocalDate.of(2024, 4, 1));
        String nhsNumber = newNhsNumber();
        String first = refer(np[1], nhsNumber).getString("id");

        as(TestTokens.referrer("another-referrer", np[1])).body(referral(np[1], nhsNumber))
                .post("/api/v1/referrals").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", containsString("duplicate-open-referral"))
                .body("detail", containsString("/api/v1/referrals/" + first))
                .body("errors[0].field", equalTo("person.nhsNumber"));
        // The same number written with spaces is the same person.
        String spaced = nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " " + nhsNumber.substring(6);
        as(TestTokens.referrer("another-referrer", np[1])).body(referral(np[1], spaced))
                .post("/api/v1/referrals").then().statusCode(409);
    }

    @Test
    void concurrentDuplicateReferralsLeaveExactlyOneOpen() throws Exception {
        String[] np = networkWithPractice();
        appointLinkWorker(np[0], "1.0", LocalDate.of(2024, 4, 1));
        String nhsNumber = newNhsNumber();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> post = () -> as(TestTokens.referrer("r", np[1])).body(referral(np[1], nhsNumber))
                    .post("/api/v1/referrals").statusCode();
            List<Future<Integer>> answers = pool.invokeAll(List.of(post, post, post, post));
            List<Integer> statuses = answers.stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).sorted().toList();
            assertThat(statuses).containsExactly(201, 409, 409, 409);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anNhsNumberFailingTheModulus11CheckIsRefusedNamingTheRuleAndNothingIsWritten() {
        String[] np = networkWithPractice();
        String valid = newNhsNumber();
        String wrongCheckDigit = valid.substring(0, 9) + ((valid.charAt(9) - '0' + 1) % 10);
        Map<String, Object> body = referral(np[1], wrongCheckDigit);
        as(TestTokens.referrer("r", np[1])).filter(OpenApiValidation.responseOnly()).body(body)
                .post("/api/v1/referrals").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("person.nhsNumber"))
                .body("errors[0].rule", equalTo("nhs-number-check-digit"))
                .body("detail", org.hamcrest.Matchers.not(containsString(wrongCheckDigit)));
        as(TestTokens.referrer("r", np[1])).filter(OpenApiValidation.responseOnly())
                .body(referral(np[1], "12345")).post("/api/v1/referrals").then().statusCode(400)
                .body("errors[0].rule", equalTo("nhs-number-format"));
        asLinkWorker(np[0]).get("/api/v1/networks/" + np[0] + "/referrals").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aPracticeInNoNetworkIsA422() {
        String orphan = newPracticeCode();
        as(TestTokens.referrer("r", orphan)).body(referral(orphan, newNhsNumber())).post("/api/v1/referrals").then()
                .statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("practiceCode"))
                .body("errors[0].rule", equalTo("practice-in-network"));
    }

    @Test
    void badBodiesAreProblemsNamingTheField() {
        String[] np = networkWithPractice();
        var referrer = TestTokens.referrer("r", np[1]);
        Map<String, Object> unknownNeed = referral(np[1], newNhsNumber());
        unknownNeed.put("needs", List.of("LONELINESS", "ASTROLOGY"));
        Map<String, Object> noNeeds = referral(np[1], newNhsNumber());
        noNeeds.put("needs", List.of());
        Map<String, Object> futureBirth = referral(np[1], newNhsNumber());
        ((Map<String, Object>) futureBirth.get("person")).put("dateOfBirth", LocalDate.now().plusDays(2).toString());
        Map<String, Object> dateAsNumber = referral(np[1], newNhsNumber());
        ((Map<String, Object>) dateAsNumber.get("person")).put("dateOfBirth", 19580314);
        Map<String, Object> extra = referral(np[1], newNhsNumber());
        extra.put("ethnicity", "x");
        Map<String, Object> hugeNotes = referral(np[1], newNhsNumber());
        hugeNotes.put("referrerNotes", "x".repeat(5000));
        Map<String, Object> noConsent = referral(np[1], newNhsNumber());
        noConsent.remove("consentToShare");
        Object[][] cases = {
                { unknownNeed, "needs[1]" }, { noNeeds, "needs" }, { futureBirth, "person.dateOfBirth" },
                { dateAsNumber, "person.dateOfBirth" }, { extra, "ethnicity" }, { hugeNotes, "referrerNotes" },
                { noConsent, "consentToShare" } };
        for (Object[] c : cases) {
            as(referrer).filter(OpenApiValidation.responseOnly()).body(c[0]).post("/api/v1/referrals").then()
                    .statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("errors.field", org.hamcrest.Matchers.hasItem(startsWith((String) c[1])));
        }
        as(referrer).filter(OpenApiValidation.responseOnly()).body("{\"person\": {").post("/api/v1/referrals")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        asLinkWorker(np[0]).get("/api/v1/networks/" + np[0] + "/referrals").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aReferrerMayReferOnlyFromTheirOwnPracticeAndALinkWorkerOnlyIntoTheirNetwork() {
        String[] np = networkWithPractice();
        String[] other = networkWithPractice();
        as(TestTokens.referrer("r", other[1])).filter(OpenApiValidation.responseOnly())
                .body(referral(np[1], newNhsNumber())).post("/api/v1/referrals").then().statusCode(403);
        // Authorisation comes before validation: a bad NHS number from the wrong practice is still a 403.
        as(TestTokens.referrer("r", other[1])).filter(OpenApiValidation.responseOnly())
                .body(referral(np[1], "12345")).post("/api/v1/referrals").then().statusCode(403);
        as(TestTokens.linkWorker("lw", other[0])).filter(OpenApiValidation.responseOnly())
                .body(referral(np[1], newNhsNumber())).post("/api/v1/referrals").then().statusCode(403);
        // A self-referral taken by the network's own link worker.
        Map<String, Object> self = referral(np[1], newNhsNumber());
        self.put("source", "SELF_REFERRAL");
        as(TestTokens.linkWorker("lw", np[0])).body(self).post("/api/v1/referrals").then().statusCode(201);
        // A PCN manager does not refer.
        as(TestTokens.pcnManager(np[0])).filter(OpenApiValidation.responseOnly())
                .body(referral(np[1], newNhsNumber())).post("/api/v1/referrals").then().statusCode(403);
    }
}
