package uk.nhs.pcn.referral.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static uk.nhs.pcn.referral.ReferralTestSupport.appointLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.as;
import static uk.nhs.pcn.referral.ReferralTestSupport.asLinkWorker;
import static uk.nhs.pcn.referral.ReferralTestSupport.awaitMember;
import static uk.nhs.pcn.referral.ReferralTestSupport.awaitReferral;
import static uk.nhs.pcn.referral.ReferralTestSupport.endAppointment;
import static uk.nhs.pcn.referral.ReferralTestSupport.movePractice;
import static uk.nhs.pcn.referral.ReferralTestSupport.networkWithPractice;
import static uk.nhs.pcn.referral.ReferralTestSupport.newNhsNumber;
import static uk.nhs.pcn.referral.ReferralTestSupport.refer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TestTokens;
import uk.nhs.pcn.testsupport.TopicRecorder;

/** Queues, hand-overs, practice moves and the caseload view, driven by real registry and workforce events. */
@QuarkusTest
class CaseloadTest {

    static final LocalDate LAST_YEAR = LocalDate.now().minusYears(1);

    @Test
    void withNoLinkWorkerInPostReferralsQueueAndTheFirstLinkWorkerToStartTakesThemOldestFirst() {
        String[] np = networkWithPractice();
        String first = refer(np[1], newNhsNumber()).getString("id");
        String second = refer(np[1], newNhsNumber()).getString("id");
        JsonPath caseload = asLinkWorker(np[0]).get("/api/v1/networks/" + np[0] + "/caseload").then()
                .statusCode(200).extract().jsonPath();
        assertThat(caseload.getInt("queue.waiting")).isEqualTo(2);
        assertThat(caseload.getString("queue.oldestWaitingSince")).isNotNull();
        assertThat(caseload.getList("linkWorkers")).isEmpty();

        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REFERRAL)) {
            String starter = appointLinkWorker(np[0], "1.0", LAST_YEAR);
            List<RecordedEvent> assigned = topic.await(e -> e.isType("ReferralAssigned.v1")
                    && np[0].equals(e.key()), 2, Duration.ofSeconds(20));
            assertThat(assigned).extracting(e -> e.text("referralId")).containsExactly(first, second);
            assertThat(assigned).allSatisfy(e -> {
                assertThat(e.text("appointmentId")).isEqualTo(starter);
                assertThat(e.text("reason")).isEqualTo("FROM_QUEUE");
            });
        }
        JsonPath after = asLinkWorker(np[0]).get("/api/v1/networks/" + np[0] + "/caseload").then().statusCode(200)
                .extract().jsonPath();
        assertThat(after.getInt("queue.waiting")).isZero();
        assertThat(after.getInt("linkWorkers[0].openReferrals")).isEqualTo(2);
        assertThat(after.getInt("linkWorkers[0].capacity")).isEqualTo(250);
        assertThat(after.getInt("linkWorkers[0].byState.RECEIVED")).isEqualTo(2);
    }

    @Test
    void whenALinkWorkersAppointmentEndsTheirOpenReferralsGoToAColleagueOrTheQueue() {
        String[] np = networkWithPractice();
        String leaving = appointLinkWorker(np[0], "1.0", LAST_YEAR);
        String a = refer(np[1], newNhsNumber()).getString("id");
        String b = refer(np[1], newNhsNumber()).getString("id");
        String colleague = appointLinkWorker(np[0], "0.5", LocalDate.now().plusMonths(1)); // not yet in post

        // Nobody else in post today: both wait in the queue, each with an event.
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REFERRAL)) {
            endAppointment(np[0], leaving, LocalDate.now());
            List<RecordedEvent> queued = topic.await(e -> e.isType("ReferralQueued.v1") && np[0].equals(e.key()), 2,
                    Duration.ofSeconds(20));
            assertThat(queued).extracting(e -> e.text("referralId")).containsExactlyInAnyOrder(a, b);
            assertThat(queued).allSatisfy(e -> {
                assertThat(e.text("reason")).isEqualTo("LINK_WORKER_LEFT");
                assertThat(e.text("previousAppointmentId")).isEqualTo(leaving);
            });
        }
        assertThat(colleague).isNotNull();

        // A second network: the leaver's referrals go to the colleague in post.
        String[] np2 = networkWithPractice();
        String leaver2 = appointLinkWorker(np2[0], "1.0", LAST_YEAR);
        String c = refer(np2[1], newNhsNumber()).getString("id");
        String stays = appointLinkWorker(np2[0], "0.6", LAST_YEAR);
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REFERRAL)) {
            endAppointment(np2[0], leaver2, LocalDate.now().minusDays(1));
            RecordedEvent reassigned = topic.await(e -> e.isType("ReferralAssigned.v1") && c.equals(
                    e.text("referralId")), 1, Duration.ofSeconds(20)).get(0);
            assertThat(reassigned.text("appointmentId")).isEqualTo(stays);
            assertThat(reassigned.text("reason")).isEqualTo("REASSIGNED");
            assertThat(reassigned.text("previousAppointmentId")).isEqualTo(leaver2);
        }
        awaitReferral(np2[0], c, j -> stays.equals(j.getString("appointmentId")));
    }

    @Test
    void whenAPracticeMovesOpenReferralsStayWithTheirLinkWorkerAndNewOnesGoToTheNewNetwork() {
        String[] old = networkWithPractice();
        String[] target = networkWithPractice();
        String oldWorker = appointLinkWorker(old[0], "1.0", LAST_YEAR);
        String newWorker = appointLinkWorker(target[0], "1.0", LAST_YEAR);
        String practice = old[1];
        String before = refer(practice, newNhsNumber()).getString("id");

        movePractice(practice, old[0], target[0], LocalDate.now().minusDays(1));
        awaitMember(practice, target[0]);
        JsonPath after = refer(practice, newNhsNumber());

        assertThat(after.getString("networkCode")).isEqualTo(target[0]);
        assertThat(after.getString("appointmentId")).isEqualTo(newWorker);
        awaitReferral(old[0], before, j -> oldWorker.equals(j.getString("appointmentId"))
                && old[0].equals(j.getString("networkCode")));
    }

    @Test
    void caseloadsAreForTheNetworksLinkWorkersManagerAndCommissionersOnly() {
        String[] np = networkWithPractice();
        String[] other = networkWithPractice();
        String path = "/api/v1/networks/" + np[0] + "/caseload";
        as(TestTokens.pcnManager(np[0])).get(path).then().statusCode(200);
        as(TestTokens.commissioner()).get(path).then().statusCode(200);
        as(TestTokens.pcnManager(other[0])).get(path).then().statusCode(403);
        as(TestTokens.linkWorker("lw", other[0])).get(path).then().statusCode(403);
        as(TestTokens.referrer("r", np[1])).get(path).then().statusCode(403);
        as(TestTokens.pcnManager(np[0])).get("/api/v1/networks/u1/caseload").then().statusCode(400)
                .body("errors[0].field", equalTo("code"));
    }
}
