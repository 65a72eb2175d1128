package uk.nhs.pcn.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static uk.nhs.pcn.referral.ReferralTestSupport.appointLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.as;
import static uk.nhs.pcn.referral.ReferralTestSupport.asLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.networkWithPractice;
import static uk.nhs.pcn.referral.ReferralTestSupport.newNhsNumber;
import static uk.nhs.pcn.referral.ReferralTestSupport.refer;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.referral.fhir.FhirValidation;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TestTokens;
import uk.nhs.pcn.testsupport.TopicRecorder;
import uk.nhs.pcn.testsupport.openapi.OpenApiValidation;

/** A referral through the whole pathway over the API, with outcomes, the FHIR Bundle, the message back and audit. */
@QuarkusTest
class PathwayApiTest {

    static final String LINK_WORKER = "lw-pathway";

    @Test
    void aPersonGoesFromReferralToDischargeWithOutcomesAndTheGpGetsTheMessageBack() throws Exception {
        String[] np = networkWithPractice();
        String network = np[0];
        appointLinkWorker(network, "1.0", LocalDate.now().minusYears(1));
        String nhsNumber = newNhsNumber();
        String id = refer(np[1], nhsNumber).getString("id");
        String base = "/api/v1/referrals/" + id;
        var lw = as(TestTokens.linkWorker(LINK_WORKER, network));

        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REFERRAL)) {
            lw.body("{}").post(base + "/accept").then().statusCode(200).body("state", equalTo("ACCEPTED"));
            as(TestTokens.linkWorker(LINK_WORKER, network)).body(Map.of("whatMatters",
                    "Getting out of the house; help with energy bills")).post(base + "/first-contact").then()
                    .statusCode(200).body("nextSteps", equalTo(List.of("plan", "did-not-attend", "withdraw")));
            outcome(network, base, "ONS4", "FIRST_CONTACT", List.of(4, 5, 3, 8));
            outcome(network, base, "WEMWBS", "FIRST_CONTACT", List.of(2, 2, 3, 2, 2, 3, 2, 2, 3, 2, 2, 3, 2, 2))
                    .body("total", equalTo(32));
            outcome(network, base, "SWEMWBS", "FIRST_CONTACT", List.of(2, 2, 2, 2, 2, 2, 2))
                    .body("total", equalTo(14)).body("metricScore", equalTo(15.32f));
            asLinkWorker(network).body(Map.of("plan", "Walking group; Citizens Advice for the bills"))
                    .post(base + "/plan").then().statusCode(200);
            String connection = asLinkWorker(network).body(Map.of("serviceName", "Riverside walking group",
                    "serviceType", "VOLUNTARY", "mode", "SIGNPOSTED")).post(base + "/connections").then()
                    .statusCode(201).header("Location", containsString(base + "/connections/"))
                    .extract().jsonPath().getString("id");
            asLinkWorker(network).body(Map.of("serviceName", "Citizens Advice", "serviceType", "VOLUNTARY",
                    "mode", "REFERRED", "attended", true)).post(base + "/connections").then().statusCode(201);
            asLinkWorker(network).body(Map.of("attended", true))
                    .put(base + "/connections/" + connection + "/attendance").then().statusCode(200)
                    .body("attended", equalTo(true));
            asLinkWorker(network).body(Map.of("note", "Going weekly")).post(base + "/follow-ups").then()
                    .statusCode(200).body("state", equalTo("FOLLOW_UP"));
            outcome(network, base, "ONS4", "DISCHARGE", List.of(7, 7, 6, 4));
            outcome(network, base, "SWEMWBS", "DISCHARGE", List.of(3, 3, 3, 3, 3, 3, 3));
            asLinkWorker(network).body(Map.of("reason", "GOALS_MET")).post(base + "/discharge").then()
                    .statusCode(200).body("state", equalTo("DISCHARGED")).body("nextSteps", equalTo(List.of()));

            // The steps above, not the referral and its assignment, whose events may still reach the topic after the
            // recorder started.
            List<RecordedEvent> events = topic.await(e -> id.equals(e.text("referralId"))
                    && !e.isType("ReferralReceived.v1") && !e.isType("ReferralAssigned.v1"), 7, Duration.ofSeconds(20));
            assertThat(events).extracting(RecordedEvent::type).containsExactly(
                    "uk.nhs.pcn.referral.ReferralAccepted.v1", "uk.nhs.pcn.referral.OutcomeRecorded.v1",
                    "uk.nhs.pcn.referral.OutcomeRecorded.v1", "uk.nhs.pcn.referral.OutcomeRecorded.v1",
                    "uk.nhs.pcn.referral.OutcomeRecorded.v1", "uk.nhs.pcn.referral.OutcomeRecorded.v1",
                    "uk.nhs.pcn.referral.ReferralDischarged.v1");
            assertThat(events.get(0).text("snomedCode")).isEqualTo("871731000000106");
            RecordedEvent discharged = events.get(6);
            assertThat(discharged.text("outcome")).isEqualTo("DISCHARGED");
            assertThat(discharged.text("reason")).isEqualTo("GOALS_MET");
            assertThat(discharged.body().path("contacts").asInt()).isEqualTo(2);
            assertThat(discharged.body().path("connections").size()).isEqualTo(2);
            assertThat(new String(discharged.rawBody())).doesNotContain("walking", "bills");
        }

        // The message back to the GP: what mattered, support, connections, outcomes and the codes to file.
        JsonPath message = as(TestTokens.linkWorker(LINK_WORKER, network)).header("X-Access-Reason", "Sending the message back to the GP").get(base
                + "/message-back").then().statusCode(200).extract().jsonPath();
        assertThat(message.getString("whatMattered")).contains("energy bills");
        assertThat(message.getList("connections")).hasSize(2);
        assertThat(message.getList("codes.code")).contains("871731000000106");
        assertThat(message.getString("person.nhsNumber").replace(" ", "")).isEqualTo(nhsNumber);

        // The FHIR Bundle: valid R4, the NHS number under its system, the Task completed.
        String fhir = asLinkWorker(network).accept("application/fhir+json").get(base + "/fhir").then()
                .statusCode(200).contentType(startsWith("application/fhir+json")).extract().asString();
        assertThat(FhirValidation.errors(fhir)).isEmpty();
        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, fhir);
        Patient patient = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElseThrow();
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo("https://fhir.nhs.uk/Id/nhs-number");
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(nhsNumber);
        Task task = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Task.class::isInstance).map(Task.class::cast).findFirst().orElseThrow();
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);

        // Every identifiable read is in the audit, with who and why.
        JsonPath audit = as(TestTokens.igLead("ig", network)).get(base + "/audit").then().statusCode(200).extract()
                .jsonPath();
        assertThat(audit.getList("what", String.class)).containsExactly("MESSAGE_BACK", "FHIR_BUNDLE");
        assertThat(audit.getString("[0].readBy")).isEqualTo(LINK_WORKER);
        assertThat(audit.getString("[0].reason")).isEqualTo("Sending the message back to the GP");
        as(TestTokens.igLead("ig", "U99999")).get(base + "/audit").then().statusCode(403);

        // The network's month shows the change.
        JsonPath report = as(TestTokens.pcnManager(network)).get("/api/v1/networks/" + network
                + "/reports/referrals?month=" + YearMonth.now()).then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("received")).isEqualTo(1);
        assertThat(report.getInt("discharged")).isEqualTo(1);
        assertThat(report.getString("outcomeChange.find { it.measure == 'SWEMWBS' }.meanChange")).isEqualTo("3.93");
        assertThat(report.getString("outcomeChange.find { it.score == 'anxious' }.meanChange")).isEqualTo("-4.0");
        String csv = as(TestTokens.pcnManager(network)).accept("text/csv").get("/api/v1/networks/" + network
                + "/reports/referrals?month=" + YearMonth.now()).then().statusCode(200).extract().asString();
        assertThat(csv).startsWith("network,month,section,item,value").contains("discharged,1");
    }

    private static io.restassured.response.ValidatableResponse outcome(String network, String base, String measure,
            String timepoint, List<Integer> items) {
        return asLinkWorker(network).body(Map.of("measure", measure, "timepoint", timepoint, "items", items))
                .post(base + "/outcomes").then().statusCode(200);
    }

    @Test
    void anIllegalStepIsA409NamingTheAllowedStepsAndChangesNothing() {
        String[] np = networkWithPractice();
        appointLinkWorker(np[0], "1.0", LocalDate.now().minusYears(1));
        String id = refer(np[1], newNhsNumber()).getString("id");
        String base = "/api/v1/referrals/" + id;
        for (String[] step : new String[][] { { "plan", "{\"plan\":\"x\"}" }, { "discharge", "{\"reason\":\"GOALS_MET\"}" },
                { "first-contact", "{\"whatMatters\":\"x\"}" }, { "follow-ups", "{}" } }) {
            asLinkWorker(np[0]).body(step[1]).post(base + "/" + step[0]).then().statusCode(409)
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", containsString("accept, decline, did-not-attend, withdraw"));
        }
        asLinkWorker(np[0]).body(Map.of("reason", "PERSON_DECLINED")).post(base + "/decline").then()
                .statusCode(200).body("state", equalTo("DECLINED"));
        asLinkWorker(np[0]).body("{}").post(base + "/accept").then().statusCode(409)
                .body("detail", containsString("closed"));
        asLinkWorker(np[0]).get(base).then().statusCode(200)
                .body("state", equalTo("DECLINED"));
    }

    @Test
    void didNotAttendAndWithdrawnCloseAnOpenReferralAndOutcomesNeedTheirTimepoint() {
        String[] np = networkWithPractice();
        appointLinkWorker(np[0], "1.0", LocalDate.now().minusYears(1));
        String dna = refer(np[1], newNhsNumber()).getString("id");
        String withdrawn = refer(np[1], newNhsNumber()).getString("id");
        asLinkWorker(np[0]).body(Map.of("measure", "ONS4", "timepoint", "FIRST_CONTACT", "items", List.of(1, 2, 3, 4)))
                .post("/api/v1/referrals/" + dna + "/outcomes").then().statusCode(409)
                .body("errors[0].field", equalTo("timepoint"));
        asLinkWorker(np[0]).body("{}").post("/api/v1/referrals/" + dna + "/accept").then().statusCode(200);
        asLinkWorker(np[0]).body(Map.of("note", "Three calls unanswered")).post("/api/v1/referrals/" + dna
                + "/did-not-attend").then().statusCode(200).body("state", equalTo("DID_NOT_ATTEND"));
        asLinkWorker(np[0]).body("{}").post("/api/v1/referrals/" + withdrawn + "/withdraw").then().statusCode(200)
                .body("state", equalTo("WITHDRAWN"));
        // The message back exists for every closed referral, and not for an open one.
        asLinkWorker(np[0]).get("/api/v1/referrals/" + dna + "/message-back").then().statusCode(200)
                .body("outcome", equalTo("DID_NOT_ATTEND"));
        String open = refer(np[1], newNhsNumber()).getString("id");
        asLinkWorker(np[0]).get("/api/v1/referrals/" + open + "/message-back").then().statusCode(409);
        // Bad outcome items name the rule.
        asLinkWorker(np[0]).body("{}").post("/api/v1/referrals/" + open + "/accept").then().statusCode(200);
        asLinkWorker(np[0]).body(Map.of("whatMatters", "x")).post("/api/v1/referrals/" + open + "/first-contact")
                .then().statusCode(200);
        asLinkWorker(np[0]).filter(OpenApiValidation.responseOnly())
                .body(Map.of("measure", "WEMWBS", "timepoint", "FIRST_CONTACT", "items", List.of(1, 2, 3)))
                .post("/api/v1/referrals/" + open + "/outcomes").then().statusCode(400)
                .body("errors[0].rule", equalTo("item-count"));
        asLinkWorker(np[0]).filter(OpenApiValidation.responseOnly())
                .body(Map.of("measure", "ONS4", "timepoint", "FIRST_CONTACT", "items", List.of(1, 2, 11, 4)))
                .post("/api/v1/referrals/" + open + "/outcomes").then().statusCode(400)
                .body("errors[0].field", equalTo("items[2]"));
    }

    @Test
    void aCaseloadReachingItsThresholdIsPublishedOnce() {
        String[] np = networkWithPractice();
        String small = appointLinkWorker(np[0], "0.01", LocalDate.now().minusYears(1)); // capacity 2
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REFERRAL)) {
            refer(np[1], newNhsNumber());
            refer(np[1], newNhsNumber());
            refer(np[1], newNhsNumber());
            topic.await(e -> e.isType("ReferralAssigned.v1") && np[0].equals(e.key()), 3, Duration.ofSeconds(20));
            List<RecordedEvent> reached = topic.drain(Duration.ofSeconds(2)).stream()
                    .filter(e -> e.isType("CaseloadThresholdReached.v1") && np[0].equals(e.key())).toList();
            // Once when the second referral fills the two places; the third (over capacity) does not repeat it.
            assertThat(reached).singleElement().satisfies(e -> {
                assertThat(e.text("appointmentId")).isEqualTo(small);
                assertThat(e.body().path("openReferrals").asInt()).isEqualTo(2);
                assertThat(e.body().path("capacity").asInt()).isEqualTo(2);
            });
        }
    }
}
