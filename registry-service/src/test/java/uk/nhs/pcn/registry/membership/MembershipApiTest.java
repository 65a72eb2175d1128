package uk.nhs.pcn.registry.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static uk.nhs.pcn.registry.RegistryTestSupport.EVENT_TIMEOUT;
import static uk.nhs.pcn.registry.RegistryTestSupport.asCommissioner;
import static uk.nhs.pcn.registry.RegistryTestSupport.asViewer;
import static uk.nhs.pcn.registry.RegistryTestSupport.join;
import static uk.nhs.pcn.registry.RegistryTestSupport.recordListSize;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerNetwork;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerPractice;
import static uk.nhs.pcn.testsupport.openapi.OpenApiValidation.responseOnly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TopicRecorder;

@QuarkusTest
class MembershipApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void joiningPublishesPracticeJoinedNetworkKeyedByTheNetwork() {
        String network = registerNetwork("2019-07-01");
        String practice = registerPractice();
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            join(practice, network, "2020-04-01");
            RecordedEvent event = topic.await(r -> network.equals(r.key()), 1, EVENT_TIMEOUT).get(0);
            assertThat(event.type()).isEqualTo("uk.nhs.pcn.registry.PracticeJoinedNetwork.v1");
            assertThat(event.headers()).containsEntry("ce_subject", practice);
            assertThat(event.text("practiceCode")).isEqualTo(practice);
            assertThat(event.text("practiceName")).isEqualTo("TEST SURGERY " + practice);
            assertThat(event.text("effectiveDate")).isEqualTo("2020-04-01");
            assertThat(event.contractProblems()).isEmpty();
        }
    }

    @Test
    void anOverlappingSpellIsA409NamingTheConflictingSpellAndWritesNothing() {
        String first = registerNetwork("2019-07-01");
        String second = registerNetwork("2019-07-01");
        String practice = registerPractice();
        join(practice, first, "2019-07-01");
        asCommissioner().body(Map.of("networkCode", second, "from", "2021-01-01"))
                .post("/api/v1/practices/" + practice + "/memberships")
                .then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Overlapping membership"))
                .body("detail", containsString(first + " from 2019-07-01 (current)"));
        asViewer().get("/api/v1/practices/" + practice + "/memberships").then()
                .body("spells", hasSize(1)).body("spells[0].networkCode", equalTo(first));
    }

    @Test
    void aMembershipOutsideTheNetworksOpenDatesIsRefused() {
        String network = registerNetwork("2020-04-01");
        String practice = registerPractice();
        asCommissioner().body(Map.of("networkCode", network, "from", "2020-03-31"))
                .post("/api/v1/practices/" + practice + "/memberships")
                .then().statusCode(409).body("detail", containsString("opens on 2020-04-01"));
        asCommissioner().body(Map.of("networkCode", "U00001", "from", "2020-04-01"))
                .post("/api/v1/practices/" + practice + "/memberships")
                .then().statusCode(404).body("detail", containsString("U00001"));
        asCommissioner().body(Map.of("networkCode", network, "from", "2020-04-01"))
                .post("/api/v1/practices/Z99999/memberships").then().statusCode(404);
        asCommissioner().body(Map.of("networkCode", network, "from", "2021-04-01", "to", "2021-03-01"))
                .post("/api/v1/practices/" + practice + "/memberships").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
    }

    @Test
    void aMoveIsALeaveAndAJoinSharingACorrelationIdInOneTransaction() {
        String from = registerNetwork("2019-07-01");
        String to = registerNetwork("2019-07-01");
        String practice = registerPractice();
        join(practice, from, "2019-07-01");
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            asCommissioner().body(Map.of("networkCode", to, "from", "2022-04-01"))
                    .post("/api/v1/practices/" + practice + "/memberships/move")
                    .then().statusCode(200).body("spells", hasSize(2))
                    .body("spells[0].to", equalTo("2022-03-31")).body("spells[1].networkCode", equalTo(to));
            // The first join's event (2019-07-01) may still be on its way when the recorder starts: not counted.
            List<RecordedEvent> events = topic.await(r -> practice.equals(r.text("practiceCode"))
                    && !"2019-07-01".equals(r.text("effectiveDate")), 2, EVENT_TIMEOUT);
            RecordedEvent left = events.stream().filter(e -> e.isType("PracticeLeftNetwork.v1")).findFirst()
                    .orElseThrow();
            RecordedEvent joined = events.stream().filter(e -> e.isType("PracticeJoinedNetwork.v1")).findFirst()
                    .orElseThrow();
            assertThat(left.key()).isEqualTo(from);
            assertThat(left.text("effectiveDate")).isEqualTo("2022-03-31");
            assertThat(joined.key()).isEqualTo(to);
            assertThat(joined.text("effectiveDate")).isEqualTo("2022-04-01");
            assertThat(left.correlationId()).isNotBlank().isEqualTo(joined.correlationId());
        }
        asViewer().get("/api/v1/networks/" + from + "?asAt=2022-03-31").then().body("members.practiceCode",
                hasItem(practice));
        asViewer().get("/api/v1/networks/" + from + "?asAt=2022-04-01").then().body("members.practiceCode",
                not(hasItem(practice)));
        asViewer().get("/api/v1/practices/" + practice + "?asAt=2022-04-01").then().body("networkCode", equalTo(to));
    }

    @Test
    void aPracticeCanLeaveAndRejoinAndIsUnaffiliatedInBetween() {
        String network = registerNetwork("2019-07-01");
        String practice = registerPractice();
        join(practice, network, "2019-07-01");
        asCommissioner().body(Map.of("to", "2020-12-31")).post("/api/v1/practices/" + practice + "/memberships/leave")
                .then().statusCode(200).body("to", equalTo("2020-12-31"));
        join(practice, network, "2021-06-01");
        asViewer().get("/api/v1/practices/" + practice + "/memberships").then().body("spells", hasSize(2));
        asViewer().get("/api/v1/practices/unaffiliated?asAt=2021-03-01&size=500").then().statusCode(200)
                .body("items.code", hasItem(practice));
        asViewer().get("/api/v1/practices/unaffiliated?asAt=2021-07-01&size=500").then()
                .body("items.code", not(hasItem(practice)));
        asCommissioner().body(Map.of("to", "2018-01-01")).post("/api/v1/practices/" + practice + "/memberships/leave")
                .then().statusCode(409);
    }

    @Test
    void aListSizeIsPublishedWithThePracticesNetworkOnThatDate() {
        String network = registerNetwork("2019-07-01");
        String practice = registerPractice();
        join(practice, network, "2020-01-01");
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            recordListSize(practice, "2019-10-01", 8000);
            recordListSize(practice, "2020-10-01", 8100);
            asCommissioner().body(Map.of("asAt", "2020-10-01", "registeredPatients", 8100))
                    .post("/api/v1/practices/" + practice + "/list-sizes").then().statusCode(201);
            // The join's event may still be on its way when the recorder starts: only list size events count.
            java.util.function.Predicate<RecordedEvent> listSizes = r -> practice.equals(r.text("practiceCode"))
                    && r.type().contains("ListSize");
            List<RecordedEvent> events = topic.await(listSizes, 2, EVENT_TIMEOUT);
            // Different keys may land on different partitions, so pick each event by its date.
            RecordedEvent before = events.stream().filter(e -> "2019-10-01".equals(e.text("effectiveDate")))
                    .findFirst().orElseThrow();
            RecordedEvent after = events.stream().filter(e -> "2020-10-01".equals(e.text("effectiveDate")))
                    .findFirst().orElseThrow();
            assertThat(before.key()).as("in no network on 2019-10-01: keyed by practice").isEqualTo(practice);
            assertThat(before.body().has("networkCode")).isFalse();
            assertThat(after.key()).isEqualTo(network);
            assertThat(after.text("networkCode")).isEqualTo(network);
            assertThat(events).allSatisfy(e -> assertThat(e.contractProblems()).isEmpty());
            assertThat(topic.drain(java.time.Duration.ofSeconds(1)))
                    .as("recording the same figure again publishes nothing")
                    .filteredOn(listSizes).hasSize(2);
        }
        asCommissioner().filter(responseOnly()).body(Map.of("asAt", "2020-10-01", "registeredPatients", -5))
                .post("/api/v1/practices/" + practice + "/list-sizes").then().statusCode(400)
                .body("errors[0].field", equalTo("registeredPatients"));
    }

    @Test
    void aJoinThatLosesARaceToTheDatabaseConstraintGetsTheNamedOverlapNotAGenericConflict() throws Exception {
        String first = registerNetwork("2019-07-01");
        String second = registerNetwork("2019-07-01");
        String practice = registerPractice();
        join(practice, first, "2019-07-01");
        asCommissioner().body(Map.of("to", "2020-03-31")).post("/api/v1/practices/" + practice + "/memberships/leave")
                .then().statusCode(200);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = dataSource.getConnection()) {
            // Another writer makes the first spell current again and has not committed: the service's own check
            // cannot see it, so only the exclusion constraint stops the join.
            other.setAutoCommit(false);
            try (PreparedStatement reopen = other.prepareStatement(
                    "UPDATE membership SET end_date = NULL WHERE practice_code = ?")) {
                reopen.setString(1, practice);
                assertThat(reopen.executeUpdate()).isEqualTo(1);
            }
            Future<ValidatableResponse> joining = pool.submit(() -> asCommissioner()
                    .body(Map.of("networkCode", second, "from", "2020-04-01"))
                    .post("/api/v1/practices/" + practice + "/memberships").then());
            Awaitility.await("the join waits on the constraint").atMost(Duration.ofSeconds(20))
                    .until(() -> waitingOnALock() > 0);
            other.commit();
            joining.get(20, TimeUnit.SECONDS).statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("https://pcn.nhs.uk/problems/overlapping-membership"))
                    .body("detail", containsString("Practice " + practice + " is already a member of " + first
                            + " from 2019-07-01 (current), which overlaps the spell from 2020-04-01 (current)"))
                    .body("detail", not(containsString("retry")))
                    .body("errors[0].field", equalTo("from"))
                    .body("errors[0].rule", equalTo("overlapping-membership"));
        } finally {
            pool.shutdownNow();
        }
        asViewer().get("/api/v1/practices/" + practice + "/memberships").then()
                .body("spells", hasSize(1)).body("spells[0].networkCode", equalTo(first));
    }

    private long waitingOnALock() throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void concurrentJoinsOfOnePracticeToTwoNetworksLeaveExactlyOneMembership() throws Exception {
        String a = registerNetwork("2019-07-01");
        String b = registerNetwork("2019-07-01");
        String practice = registerPractice();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String network = i % 2 == 0 ? a : b;
                attempts.add(() -> asCommissioner().body(Map.of("networkCode", network, "from", "2020-01-01"))
                        .post("/api/v1/practices/" + practice + "/memberships").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(attempts)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        asViewer().get("/api/v1/practices/" + practice + "/memberships").then().body("spells", hasSize(1));
    }
}
