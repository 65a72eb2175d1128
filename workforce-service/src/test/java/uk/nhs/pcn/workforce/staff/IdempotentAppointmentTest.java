package uk.nhs.pcn.workforce.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static uk.nhs.pcn.testsupport.openapi.OpenApiValidation.responseOnly;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.appointment;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.asManager;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.knownNetwork;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.platform.idempotency.IdempotencyCleanup;
import uk.nhs.pcn.platform.idempotency.IdempotencyKey;
import uk.nhs.pcn.platform.idempotency.IdempotentRequest;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TestTokens;
import uk.nhs.pcn.testsupport.TopicRecorder;

/**
 * Appointing staff with an {@code Idempotency-Key} (issue 9, found by the chaos suite): a client whose answer was lost
 * re-sends the same request with the same key and gets the first answer back; no second appointment, no second
 * {@code StaffAppointed}. Without the header nothing changes.
 */
@QuarkusTest
class IdempotentAppointmentTest {

    private static final String KEY = IdempotencyKey.HEADER;
    private static final String REPLAYED = IdempotencyKey.REPLAYED_HEADER;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IdempotencyCleanup cleanup;

    private long count(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long appointments(String network) throws SQLException {
        return count("SELECT count(*) FROM appointment WHERE network_code = ?", network);
    }

    private long storedAnswers(String network) throws SQLException {
        return count("SELECT count(*) FROM idempotency_key WHERE path = ?", staff(network));
    }

    private static String staff(String network) {
        return "/api/v1/networks/" + network + "/staff";
    }

    private static Map<String, Object> pharmacist() {
        return appointment("clinical-pharmacist", "1.0", "2024-04-01", "50000", "10000");
    }

    private static Response appoint(String network, String key, Map<String, Object> body) {
        return asManager(network).header(KEY, key).body(body).post(staff(network));
    }

    /** A manager of the network whose token has the given subject. */
    private static Response appointAs(String subject, String network, String key, Map<String, Object> body) {
        return RestAssured.given().header("Authorization", TestTokens.bearer(TestTokens.token(subject,
                List.of("pcn-manager"), List.of(network), List.of(), Duration.ofHours(1))))
                .contentType(ContentType.JSON).header(KEY, key).body(body).post(staff(network));
    }

    /**
     * Every StaffAppointed of the network up to the sentinel's: one network's events are published in order, so
     * once a later appointment's event has arrived, any second event of the earlier ones would have too.
     */
    private static List<String> appointedBefore(TopicRecorder recorder, String network) {
        String sentinel = asManager(network).body(pharmacist()).post(staff(network)).then().statusCode(201)
                .extract().path("id");
        List<RecordedEvent> appointed = recorder.await(r -> network.equals(r.key()) && r.isType("StaffAppointed.v1")
                && sentinel.equals(r.text("appointmentId")), 1, Duration.ofSeconds(20));
        assertThat(appointed).hasSize(1);
        return recorder.await(r -> network.equals(r.key()) && r.isType("StaffAppointed.v1"), 1,
                Duration.ofSeconds(1)).stream().map(r -> r.text("appointmentId"))
                .filter(id -> !id.equals(sentinel)).toList();
    }

    @Test
    void theSameKeyTwiceAppointsOnceAndAnswersTheSameTwiceWithOneEvent() throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = pharmacist();
        try (TopicRecorder workforce = TopicRecorder.fromNow(Topics.WORKFORCE)) {
            Response first = appoint(network, "\"" + key + "\"", body);
            first.then().statusCode(201).header(REPLAYED, nullValue());
            String id = first.path("id");

            Response again = appoint(network, "\"" + key + "\"", body);
            again.then().statusCode(201).header(REPLAYED, equalTo("true"))
                    .header("Location", equalTo(first.header("Location"))).contentType(ContentType.JSON);
            assertThat(again.asString()).isEqualTo(first.asString());
            // The bare form of the key is the same key.
            Response bare = appoint(network, key, body);
            bare.then().statusCode(201).header(REPLAYED, equalTo("true"));
            assertThat(bare.asString()).isEqualTo(first.asString());

            assertThat(appointments(network)).isEqualTo(1);
            assertThat(storedAnswers(network)).isEqualTo(1);
            assertThat(appointedBefore(workforce, network)).containsExactly(id);
        }
    }

    @Test
    void theSameKeyWithAnotherBodyIs422NamingTheHeaderAndAppointsNoOne() throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = pharmacist();
        String id = appoint(network, key, body).then().statusCode(201).extract().path("id");

        Map<String, Object> changed = new java.util.HashMap<>(body);
        changed.put("wte", new java.math.BigDecimal("0.5"));
        appoint(network, key, changed).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://pcn.nhs.uk/problems/idempotency-key-reused"))
                .body("errors[0].field", equalTo(KEY)).body("errors[0].rule", equalTo("same-request"))
                .body("detail", containsString("another body"));
        assertThat(appointments(network)).isEqualTo(1);

        // The first request, re-sent, still gets its answer.
        appoint(network, key, body).then().statusCode(201).header(REPLAYED, equalTo("true")).body("id", equalTo(id));
        assertThat(appointments(network)).isEqualTo(1);
    }

    @Test
    void twoUsersWithTheSameKeyEachAppointOnceAndSeeOnlyTheirOwnAnswer() throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        String key = "shared-key-" + UUID.randomUUID();
        Map<String, Object> body = pharmacist();
        String alices = appointAs("manager-alice", network, key, body).then().statusCode(201)
                .header(REPLAYED, nullValue()).extract().path("id");
        String bobs = appointAs("manager-bob", network, key, body).then().statusCode(201)
                .header(REPLAYED, nullValue()).extract().path("id");
        assertThat(bobs).isNotEqualTo(alices);
        assertThat(appointments(network)).isEqualTo(2);

        appointAs("manager-bob", network, key, body).then().statusCode(201).header(REPLAYED, equalTo("true"))
                .body("id", equalTo(bobs));
        appointAs("manager-alice", network, key, body).then().statusCode(201).header(REPLAYED, equalTo("true"))
                .body("id", equalTo(alices));
        assertThat(appointments(network)).isEqualTo(2);
        assertThat(count("SELECT count(DISTINCT caller) FROM idempotency_key WHERE idempotency_key = ?", key))
                .isEqualTo(2);
    }

    @Test
    void aKeyTooLongWithAControlCharacterOrNotAsciiIsRefusedWith400NamingTheHeaderAndWritesNothing()
            throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        Map<String, Object> body = pharmacist();
        for (String[] refused : new String[][] { { "k".repeat(256), "length" },
                { "\"" + "k".repeat(256) + "\"", "length" }, { "tab\there", "printable-ascii" },
                { "caf\u00e9", "printable-ascii" }, { "\"unclosed", "sf-string" } }) {
            asManager(network).filter(responseOnly()).header(KEY, refused[0]).body(body).post(staff(network))
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(KEY)).body("errors[0].rule", equalTo(refused[1]));
        }
        // The header sent twice.
        asManager(network).filter(responseOnly()).header(KEY, "one").header(KEY, "two").body(body)
                .post(staff(network)).then().statusCode(400).body("errors[0].field", equalTo(KEY))
                .body("errors[0].rule", equalTo("single-header"));
        assertThat(appointments(network)).isZero();
        assertThat(storedAnswers(network)).isZero();
    }

    @Test
    void aRefusedRequestStoresNothingSoItsKeyStillWorksForTheCorrectedRequest() throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        String other = knownNetwork("2019-07-01", 40_000);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = pharmacist();
        // Authorisation first: a manager of another network (same subject) is refused and nothing is kept.
        asManager(other).header(KEY, key).body(body).post(staff(network)).then().statusCode(403);
        // Validation first: a body breaking a rule is refused and nothing is kept.
        Map<String, Object> invalid = new java.util.HashMap<>(body);
        invalid.put("wte", new java.math.BigDecimal("1.5"));
        asManager(network).filter(responseOnly()).header(KEY, key).body(invalid).post(staff(network)).then()
                .statusCode(400).body("errors[0].field", equalTo("wte"));
        // A domain rule broken in the write itself (the role did not exist then) rolls back with nothing kept.
        Map<String, Object> tooEarly = appointment("digital-transformation-lead", "1.0", "2019-07-01", "50000",
                "10000");
        appoint(network, key, tooEarly).then().statusCode(422).body("errors[0].field", equalTo("startDate"));
        assertThat(storedAnswers(network)).isZero();

        appoint(network, key, body).then().statusCode(201).header(REPLAYED, nullValue());
        assertThat(appointments(network)).isEqualTo(1);
    }

    @Test
    void withoutAKeyEveryRequestAppointsAsBefore() throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        Map<String, Object> body = pharmacist();
        String first = asManager(network).body(body).post(staff(network)).then().statusCode(201)
                .header(REPLAYED, nullValue()).extract().path("id");
        String second = asManager(network).body(body).post(staff(network)).then().statusCode(201)
                .header(REPLAYED, nullValue()).extract().path("id");
        assertThat(second).isNotEqualTo(first);
        assertThat(appointments(network)).isEqualTo(2);
        assertThat(storedAnswers(network)).isZero();
    }

    @Test
    void aRequestWhileTheFirstWithItsKeyIsInFlightIs409AndAppointsNoOne() throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = pharmacist();
        // The first request holds its key's database lock until it commits: hold the same lock here.
        long lock = IdempotentRequest.of("test-user", "POST", staff(network), new IdempotencyKey(key), null).lockId();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                s.setLong(1, lock);
                s.execute();
            }
            try {
                appoint(network, key, body).then().statusCode(409).contentType("application/problem+json")
                        .body("type", equalTo("https://pcn.nhs.uk/problems/idempotency-key-in-flight"))
                        .body("errors[0].field", equalTo(KEY)).body("errors[0].rule", equalTo("in-flight"));
            } finally {
                try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    s.setLong(1, lock);
                    s.execute();
                }
            }
        }
        assertThat(appointments(network)).isZero();
        appoint(network, key, body).then().statusCode(201).header(REPLAYED, nullValue());
        assertThat(appointments(network)).isEqualTo(1);
    }

    @Test
    void requestsWithOneKeySentAtOnceAppointOnceAndTheOthersGet409OrTheFirstAnswer() throws Exception {
        String network = knownNetwork("2019-07-01", 40_000);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = pharmacist();
        int senders = 6;
        CyclicBarrier start = new CyclicBarrier(senders);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Response> answers = new ArrayList<>();
        try {
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return appoint(network, key, body);
                }));
            }
            for (Future<Response> f : sent) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Response> appointed = answers.stream().filter(r -> r.statusCode() == 201).toList();
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.asString()).isIn(201, 409));
        assertThat(appointed.stream().filter(r -> r.header(REPLAYED) == null)).hasSize(1);
        assertThat(appointed.stream().map(r -> (String) r.path("id")).distinct()).hasSize(1);
        assertThat(answers.stream().filter(r -> r.statusCode() == 409))
                .allSatisfy(r -> assertThat((String) r.path("errors[0].field")).isEqualTo(KEY));
        assertThat(appointments(network)).isEqualTo(1);
        assertThat(storedAnswers(network)).isEqualTo(1);
    }

    @Test
    void anExpiredAnswerIsNotReplayedAndTheCleanUpDeletesIt() throws SQLException {
        String network = knownNetwork("2019-07-01", 40_000);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = pharmacist();
        String first = appoint(network, key, body).then().statusCode(201).extract().path("id");
        age(network, "25 hours");
        // Past the 24 hours the answer is kept, the key is new again.
        String second = appoint(network, key, body).then().statusCode(201).header(REPLAYED, nullValue())
                .extract().path("id");
        assertThat(second).isNotEqualTo(first);
        assertThat(appointments(network)).isEqualTo(2);

        age(network, "25 hours");
        assertThat(cleanup.deleteExpired()).isPositive();
        assertThat(storedAnswers(network)).isZero();
    }

    private void age(String network, String by) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE idempotency_key SET created_at = created_at - ?::interval WHERE path = ?")) {
            s.setString(1, by);
            s.setString(2, staff(network));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
