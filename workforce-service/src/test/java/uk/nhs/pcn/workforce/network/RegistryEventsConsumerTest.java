package uk.nhs.pcn.workforce.network;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.appointment;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.asManager;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.awaitKnown;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.knownNetwork;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.newNetworkCode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.registry.NetworkClosed;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.NetworkRenamed;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.events.registry.PracticeLeftNetwork;
import uk.nhs.pcn.platform.registry.KnownNetwork;
import uk.nhs.pcn.platform.registry.RegistryReadModel;
import uk.nhs.pcn.testsupport.EventPublisher;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TopicRecorder;

@QuarkusTest
class RegistryEventsConsumerTest {

    /** The convention (application.properties spells it out for the connector). */
    static final String DEAD_LETTERS = Topics.deadLetter(Topics.REGISTRY, "workforce-service");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RegistryReadModel readModel;

    @Test
    void everyRegistrySchemaExampleIsAppliedNotDeadLettered() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        try (TopicRecorder deadLetters = TopicRecorder.fromNow(DEAD_LETTERS);
                EventPublisher registry = new EventPublisher()) {
            for (Class<? extends uk.nhs.pcn.events.PcnEvent> type : uk.nhs.pcn.events.EventTypes.ALL) {
                String ceType = uk.nhs.pcn.events.EventTypes.typeOf(type);
                if (!ceType.startsWith("uk.nhs.pcn.registry.")) {
                    continue;
                }
                var example = uk.nhs.pcn.events.EventSchemas.schemaDocument(ceType).path("examples").get(0);
                String id = java.util.UUID.randomUUID().toString();
                ids.add(id);
                registry.send(Topics.REGISTRY, example.path("networkCode").asText("U45102"),
                        Map.of("ce_id", id, "ce_type", ceType), example.toString().getBytes(StandardCharsets.UTF_8));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM processed_event WHERE event_id IN ('" + String.join("','", ids) + "')")
                    == ids.size());
            assertThat(deadLetters.drain(Duration.ofSeconds(1))).filteredOn(r -> ids.contains(r.id())).isEmpty();
        }
        // The examples describe DARLINGTON PCN, renamed and closed; the read model shows that.
        assertThat(query("SELECT name FROM known_network WHERE code = 'U45102'"))
                .isEqualTo("DARLINGTON PRIMARY CARE NETWORK");
        assertThat(query("SELECT close_date::text FROM known_network WHERE code = 'U45102'")).isEqualTo("2025-03-31");
    }

    @Test
    void redeliveringARegistryEventChangesNothing() throws Exception {
        String code = newNetworkCode();
        try (EventPublisher registry = new EventPublisher()) {
            registry.publish(Topics.REGISTRY, code, new NetworkRegistered(code, "FIRST NAME", "00C",
                    LocalDate.of(2019, 7, 1)));
            String firstRename = registry.publish(Topics.REGISTRY, code,
                    new NetworkRenamed(code, "FIRST NAME", "SECOND NAME", LocalDate.of(2020, 1, 1)));
            registry.publish(Topics.REGISTRY, code,
                    new NetworkRenamed(code, "SECOND NAME", "THIRD NAME", LocalDate.of(2021, 1, 1)));
            awaitName(code, "THIRD NAME");
            // The first rename again, with its original id: applying it would bring back "SECOND NAME".
            registry.publish(Topics.REGISTRY, code,
                    new NetworkRenamed(code, "FIRST NAME", "SECOND NAME", LocalDate.of(2020, 1, 1)), firstRename);
            // A later event on the same key (same partition) is applied only after the redelivery was handled.
            registry.publish(Topics.REGISTRY, code, new NetworkClosed(code, LocalDate.of(2030, 3, 31)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "2030-03-31".equals(
                    query("SELECT close_date::text FROM known_network WHERE code = '" + code + "'")));
        }
        assertThat(query("SELECT name FROM known_network WHERE code = '" + code + "'")).isEqualTo("THIRD NAME");
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndLaterRecordsAreStillConsumed() {
        String after = newNetworkCode();
        try (TopicRecorder deadLetters = TopicRecorder.fromNow(DEAD_LETTERS);
                EventPublisher registry = new EventPublisher()) {
            registry.send(Topics.REGISTRY, "U99999", Map.of("ce_id", "poison-1", "ce_type",
                    "uk.nhs.pcn.registry.NetworkRegistered.v1"), "{not json".getBytes(StandardCharsets.UTF_8));
            registry.send(Topics.REGISTRY, "U99998", Map.of("ce_id", "poison-2", "ce_type",
                    "uk.nhs.pcn.registry.NetworkRegistered.v1"),
                    "{\"networkCode\":\"BAD\",\"name\":\"X\"}".getBytes(StandardCharsets.UTF_8));
            registry.publish(Topics.REGISTRY, after, new NetworkRegistered(after, "AFTER THE POISON", "00C",
                    LocalDate.of(2019, 7, 1)));

            List<RecordedEvent> dead = deadLetters.await(2, Duration.ofSeconds(30));
            assertThat(dead).extracting(RecordedEvent::id).containsExactlyInAnyOrder("poison-1", "poison-2");
            assertThat(dead.get(0).headers()).containsKey("dead-letter-reason");
            awaitKnown(after);
        }
    }

    @Test
    void aTransientFailureIsRetriedNotDeadLetteredAndNothingIsLost() throws Exception {
        String code = newNetworkCode();
        try (TopicRecorder deadLetters = TopicRecorder.fromNow(DEAD_LETTERS);
                EventPublisher registry = new EventPublisher()) {
            execute("ALTER TABLE known_network RENAME TO known_network_unavailable");
            try {
                String id = registry.publish(Topics.REGISTRY, code, new NetworkRegistered(code, "WAITED FOR", "00C",
                        LocalDate.of(2019, 7, 1)));
                // While the table is missing the consumer keeps failing and retrying, never applying.
                Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> count("SELECT count(*) FROM processed_event WHERE event_id = '" + id + "'") == 0);
            } finally {
                execute("ALTER TABLE known_network_unavailable RENAME TO known_network");
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "WAITED FOR".equals(
                    query("SELECT name FROM known_network WHERE code = '" + code + "'")));
            assertThat(deadLetters.drain(Duration.ofSeconds(1))).filteredOn(r -> code.equals(r.key())).isEmpty();
        }
    }

    @Test
    void whenANetworkClosesAppointmentsRunningPastTheCloseDateAreFlaggedAndAnnouncedNotEnded() {
        String code = knownNetwork("2019-07-01", 0);
        String id = asManager(code).body(appointment("clinical-pharmacist", "1.0", "2024-01-01", "50000", "12000"))
                .post("/api/v1/networks/" + code + "/staff").then().statusCode(201).extract().path("id");
        try (TopicRecorder workforce = TopicRecorder.fromNow(Topics.WORKFORCE);
                EventPublisher registry = new EventPublisher()) {
            registry.publish(Topics.REGISTRY, code, new NetworkClosed(code, LocalDate.of(2025, 3, 31)));
            RecordedEvent atRisk = workforce.await(r -> r.isType("AppointmentAtRisk.v1") && code.equals(r.key()), 1,
                    Duration.ofSeconds(30)).get(0);
            assertThat(atRisk.text("appointmentId")).isEqualTo(id);
            assertThat(atRisk.text("networkCloseDate")).isEqualTo("2025-03-31");
            assertThat(atRisk.contractProblems()).isEmpty();
        }
        asManager(code).get("/api/v1/networks/" + code + "/staff/" + id).then().statusCode(200)
                .body("atRiskSince", org.hamcrest.Matchers.equalTo("2025-03-31"))
                .body("endDate", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aPracticeBelongsToTheNetworkOfItsSpellOnEachDayBothEndsIncluded() throws Exception {
        String first = newNetworkCode();
        String second = newNetworkCode();
        String practice = "Y" + first.substring(1);
        LocalDate lastDayInFirst = LocalDate.of(2022, 3, 31);
        LocalDate firstDayInSecond = LocalDate.of(2022, 4, 1);
        try (EventPublisher registry = new EventPublisher()) {
            registry.publish(Topics.REGISTRY, first, new NetworkRegistered(first, "FIRST PCN", "00C",
                    LocalDate.of(2019, 7, 1)));
            registry.publish(Topics.REGISTRY, second, new NetworkRegistered(second, "SECOND PCN", "00C",
                    LocalDate.of(2019, 7, 1)));
            // The practice's own events on its own key, so they are applied in the order the registry published them.
            registry.publish(Topics.REGISTRY, practice, new PracticeJoinedNetwork(first, practice, "TEST SURGERY",
                    "00C", LocalDate.of(2020, 4, 1)));
            registry.publish(Topics.REGISTRY, practice, new ListSizeRecorded(practice, first,
                    LocalDate.of(2021, 1, 1), 12_000, null, null));
            registry.publish(Topics.REGISTRY, practice, new PracticeLeftNetwork(first, practice, lastDayInFirst));
            registry.publish(Topics.REGISTRY, practice, new PracticeJoinedNetwork(second, practice, "TEST SURGERY",
                    "00C", firstDayInSecond));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> read(() -> readModel.networkOf(practice,
                    firstDayInSecond)).isPresent() && read(() -> readModel.network(second)).isPresent());
        }
        assertThat(read(() -> readModel.networkOf(practice, LocalDate.of(2020, 3, 31)))).isEmpty();
        assertThat(read(() -> readModel.networkOf(practice, LocalDate.of(2020, 4, 1)))).contains(first);
        assertThat(read(() -> readModel.networkOf(practice, lastDayInFirst))).contains(first);
        assertThat(read(() -> readModel.networkOf(practice, firstDayInSecond))).contains(second);
        assertThat(read(() -> readModel.networksOf(practice, LocalDate.of(2021, 4, 1), lastDayInFirst)))
                .containsExactly(first);
        assertThat(read(() -> readModel.networksOf(practice, LocalDate.of(2021, 4, 1), firstDayInSecond)))
                .containsExactlyInAnyOrder(first, second);
        // The practice's list counts towards the network it was a member of on the day.
        assertThat(read(() -> readModel.registeredPopulation(first, lastDayInFirst))).isEqualTo(12_000);
        assertThat(read(() -> readModel.registeredPopulation(first, firstDayInSecond))).isZero();
        assertThat(read(() -> readModel.registeredPopulation(second, firstDayInSecond))).isEqualTo(12_000);
        assertThat(read(() -> readModel.network(second))).map(KnownNetwork::name).contains("SECOND PCN");
        assertThat(read(() -> readModel.network("U00000"))).isEmpty();
    }

    private <T> T read(Supplier<T> query) {
        return QuarkusTransaction.requiringNew().call(query::get);
    }

    private void awaitName(String code, String name) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> name.equals(
                query("SELECT name FROM known_network WHERE code = '" + code + "'")));
    }

    private void execute(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long count(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String query(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
