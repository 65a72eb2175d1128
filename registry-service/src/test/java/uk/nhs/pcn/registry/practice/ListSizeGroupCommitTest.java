package uk.nhs.pcn.registry.practice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.nhs.pcn.registry.RegistryTestSupport.asCommissioner;
import static uk.nhs.pcn.registry.RegistryTestSupport.join;
import static uk.nhs.pcn.registry.RegistryTestSupport.newPracticeCode;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerNetwork;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerPractice;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.platform.batching.GroupCommit;
import uk.nhs.pcn.platform.batching.GroupCommit.Outcome;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TopicRecorder;

/**
 * List-size writes share transactions (group commit): what a user of the API must still see is each write answered
 * for itself, in the order sent, durable when answered, and published exactly once.
 */
@QuarkusTest
class ListSizeGroupCommitTest {

    @Inject
    ListSizeRecording listSizes;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void concurrentWritesForTheSameFigureLeaveTheTopicsLastWordEqualToWhatTheRegistryHolds() throws Exception {
        String network = registerNetwork("2020-04-01");
        String practice = registerPractice();
        join(practice, network, "2020-04-01");
        LocalDate asAt = LocalDate.of(2024, 1, 1);
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            // Queued back to back without waiting: they may share a transaction or be taken by different writers,
            // and like any requests in flight together they commit in some order.
            List<Integer> sent = List.of(9_100, 9_200, 9_200, 9_300);
            List<CompletionStage<ListSize>> answers = new ArrayList<>();
            for (int patients : sent) {
                answers.add(listSizes.record(practice, asAt, patients, null, null, "api"));
            }
            for (int i = 0; i < sent.size(); i++) {
                assertThat(answers.get(i).toCompletableFuture().get(30, TimeUnit.SECONDS).registeredPatients)
                        .as("the figure held when write %d committed is its own", i).isEqualTo(sent.get(i));
            }
            int held = asCommissioner().get("/api/v1/practices/" + practice + "/list-sizes/2024-01-01").then()
                    .statusCode(200).extract().path("registeredPatients");

            topic.await(r -> r.isType("ListSizeRecorded.v1") && practice.equals(r.text("practiceCode")), 3,
                    Duration.ofSeconds(20));
            List<RecordedEvent> events = topic.drain(Duration.ofSeconds(2)).stream() // all of them, in topic order
                    .filter(r -> r.isType("ListSizeRecorded.v1") && practice.equals(r.text("practiceCode"))).toList();
            List<Integer> published = events.stream().map(e -> e.body().path("registeredPatients").asInt()).toList();
            assertThat(published).as("one event per change: the repeated 9,200 published once or, with another "
                    + "figure committed between the two, twice").hasSizeBetween(3, 4)
                    .containsAll(List.of(9_100, 9_200, 9_300));
            for (int i = 1; i < published.size(); i++) {
                assertThat(published.get(i)).as("no event without a change").isNotEqualTo(published.get(i - 1));
            }
            assertThat(published.get(published.size() - 1)).as("a consumer ends with what the registry holds")
                    .isEqualTo(held);
            assertThat(events).extracting(RecordedEvent::key).containsOnly(network);
        }
    }

    @Test
    void aListSizeSentAfterTheAnswerToAnotherIsAppliedAfterIt() throws Exception {
        String practice = registerPractice();
        LocalDate asAt = LocalDate.of(2024, 4, 1);
        for (int patients : List.of(7_000, 7_100, 7_000, 7_200)) {
            listSizes.record(practice, asAt, patients, null, null, "api").toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        }
        asCommissioner().get("/api/v1/practices/" + practice + "/list-sizes/2024-04-01").then().statusCode(200)
                .body("registeredPatients", org.hamcrest.Matchers.equalTo(7_200));
    }

    @Test
    void manyConcurrentWritesAreEachAnsweredForThemselvesAndPublishedOnce() throws Exception {
        String network = registerNetwork("2020-04-01");
        String member = registerPractice();
        join(member, network, "2020-04-01");
        String unaffiliated = registerPractice();
        String unknown = newPracticeCode(); // never registered
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String practice = i % 3 == 0 ? member : i % 3 == 1 ? unaffiliated : unknown;
                String asAt = LocalDate.of(2023, 1, 1).plusDays(i).toString();
                int patients = 5_000 + i;
                statuses.add(clients.submit(() -> asCommissioner()
                        .body(java.util.Map.of("asAt", asAt, "registeredPatients", patients))
                        .post("/api/v1/practices/" + practice + "/list-sizes").then().extract().statusCode()));
            }
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(60, TimeUnit.SECONDS));
            }
            for (int i = 0; i < 30; i++) {
                assertThat(answered.get(i)).as("write %d", i).isEqualTo(i % 3 == 2 ? 404 : 201);
            }
            List<RecordedEvent> events = topic.await(r -> r.isType("ListSizeRecorded.v1")
                    && (member.equals(r.text("practiceCode")) || unaffiliated.equals(r.text("practiceCode"))), 20,
                    Duration.ofSeconds(30));
            assertThat(events).filteredOn(e -> member.equals(e.text("practiceCode")))
                    .allSatisfy(e -> assertThat(e.text("networkCode")).isEqualTo(network)).hasSize(10);
            assertThat(events).filteredOn(e -> unaffiliated.equals(e.text("practiceCode")))
                    .allSatisfy(e -> assertThat(e.text("networkCode")).isNull()).hasSize(10);
            assertThat(topic.drain(Duration.ofSeconds(2))).filteredOn(r -> r.isType("ListSizeRecorded.v1")
                    && (member.equals(r.text("practiceCode")) || unaffiliated.equals(r.text("practiceCode"))))
                    .hasSize(20);
        } finally {
            clients.shutdownNow();
        }
        asCommissioner().get("/api/v1/practices/" + member + "/list-sizes").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(10));
    }

    @Test
    void aWriteTheDatabaseRefusesFailsAloneAndTheOthersInItsTransactionAreCommitted() throws Exception {
        // A writer that waits for the others to join, so that the three writes are taken as one batch.
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", dataSource, 1, 10,
                Duration.ofMillis(200), 10, ListSizeGroupCommitTest::divideByLength)) {
            CompletableFuture<String> first = commits.submit("abc").toCompletableFuture();
            CompletableFuture<String> bad = commits.submit("").toCompletableFuture();
            CompletableFuture<String> last = commits.submit("abcd").toCompletableFuture();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("abc:4");
            assertThat(last.get(30, TimeUnit.SECONDS)).isEqualTo("abcd:3");
            assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("22012")); // division by zero
        }
    }

    @Test
    void writesBeyondTheQueueAreRefusedWith503AndNothingElseIsLost() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<String, String> commits = new GroupCommit<>("test-full", dataSource, 1, 1, Duration.ZERO, 1,
                (connection, writes) -> {
                    writing.countDown();
                    await(release);
                    return writes.stream().map(w -> Outcome.done(w)).toList();
                })) {
            CompletableFuture<String> taken = commits.submit("taken").toCompletableFuture();
            assertThat(writing.await(30, TimeUnit.SECONDS)).as("the writer has taken the first write").isTrue();
            CompletableFuture<String> queued = commits.submit("queued").toCompletableFuture();
            CompletableFuture<String> refused = commits.submit("refused").toCompletableFuture();
            assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e.getCause()).status()).isEqualTo(503));
            release.countDown();
            assertThat(taken.get(30, TimeUnit.SECONDS)).isEqualTo("taken");
            assertThat(queued.get(30, TimeUnit.SECONDS)).isEqualTo("queued");
        }
    }

    /** Each write: its text, a colon and 12 divided by its length, by PostgreSQL (an empty one fails there). */
    private static List<Outcome<String>> divideByLength(java.sql.Connection connection, List<String> writes)
            throws SQLException {
        List<Outcome<String>> outcomes = new ArrayList<>();
        try (PreparedStatement divide = connection.prepareStatement("SELECT ? || ':' || (12 / length(?))")) {
            for (String w : writes) {
                divide.setString(1, w);
                divide.setString(2, w);
                try (ResultSet rs = divide.executeQuery()) {
                    rs.next();
                    outcomes.add(Outcome.done(rs.getString(1)));
                }
            }
        }
        return outcomes;
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
