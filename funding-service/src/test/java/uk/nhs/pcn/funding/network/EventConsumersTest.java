package uk.nhs.pcn.funding.network;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.funding.FundingTestSupport.asCommissioner;
import static uk.nhs.pcn.funding.FundingTestSupport.json;
import static uk.nhs.pcn.funding.FundingTestSupport.networkWithPractice;
import static uk.nhs.pcn.funding.FundingTestSupport.newNetworkCode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.events.EventSchemas;
import uk.nhs.pcn.events.EventTypes;
import uk.nhs.pcn.events.PcnEvent;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.testsupport.EventPublisher;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TopicRecorder;

@QuarkusTest
class EventConsumersTest {

    static final String REGISTRY_DEAD_LETTERS = Topics.deadLetter(Topics.REGISTRY, "funding-service");
    static final String WORKFORCE_DEAD_LETTERS = Topics.deadLetter(Topics.WORKFORCE, "funding-service");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyRegistryAndWorkforceSchemaExampleIsAppliedNotDeadLettered() throws Exception {
        List<String> ids = new ArrayList<>();
        try (TopicRecorder registryDead = TopicRecorder.fromNow(REGISTRY_DEAD_LETTERS);
                TopicRecorder workforceDead = TopicRecorder.fromNow(WORKFORCE_DEAD_LETTERS);
                EventPublisher publisher = new EventPublisher()) {
            for (Class<? extends PcnEvent> type : EventTypes.ALL) {
                String ceType = EventTypes.typeOf(type);
                String topic = ceType.startsWith("uk.nhs.pcn.registry.") ? Topics.REGISTRY
                        : ceType.startsWith("uk.nhs.pcn.workforce.") ? Topics.WORKFORCE : null;
                if (topic == null) {
                    continue;
                }
                var example = EventSchemas.schemaDocument(ceType).path("examples").get(0);
                String id = UUID.randomUUID().toString();
                ids.add(id);
                publisher.send(topic, example.path("networkCode").asText("U45102"),
                        Map.of("ce_id", id, "ce_type", ceType), example.toString().getBytes(StandardCharsets.UTF_8));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM processed_event WHERE event_id IN ('" + String.join("','", ids) + "')")
                    == ids.size());
            assertThat(registryDead.drain(Duration.ofSeconds(1))).filteredOn(r -> ids.contains(r.id())).isEmpty();
            assertThat(workforceDead.drain(Duration.ofMillis(200))).filteredOn(r -> ids.contains(r.id())).isEmpty();
        }
        // The examples describe DARLINGTON PCN (renamed and closed) and its June 2024 claim.
        assertThat(query("SELECT close_date::text FROM known_network WHERE code = 'U45102'")).isEqualTo("2025-03-31");
        assertThat(query("SELECT total_amount::text FROM arrs_claim WHERE network_code = 'U45102' "
                + "AND month = '2024-06-01'")).isEqualTo("9876.54");
    }

    @Test
    void redeliveringEveryEventChangesNothing() throws Exception {
        List<String> codes = networkWithPractice(9_000, "9000", "9000");
        String network = codes.get(0);
        asCommissioner().post("/api/v1/networks/" + network + "/payments/2025-04/confirm").then().statusCode(200);
        String correction;
        try (EventPublisher registry = new EventPublisher()) {
            correction = registry.publish(Topics.REGISTRY, network, new ListSizeRecorded(codes.get(1), network,
                    LocalDate.of(2025, 1, 1), 9_600, new BigDecimal("9000"), new BigDecimal("9000")));
        }
        uk.nhs.pcn.funding.FundingTestSupport.awaitSchedule(network, "2025/26",
                s -> s.getList("months[1].adjustments").size() == 1);
        String before = asCommissioner().get("/api/v1/networks/" + network + "/payments?financialYear=2025/26")
                .then().extract().asString();
        long adjustments = count("SELECT count(*) FROM payment_adjustment WHERE network_code = '" + network + "'");

        try (TopicRecorder funding = TopicRecorder.fromNow(Topics.FUNDING);
                TopicRecorder everything = TopicRecorder.fromBeginning(Topics.REGISTRY);
                EventPublisher publisher = new EventPublisher()) {
            // Every registry record of this network again, with its original id and headers: a redelivery.
            List<RecordedEvent> records = everything.await(r -> network.equals(r.key()), 4, Duration.ofSeconds(30));
            assertThat(records).extracting(RecordedEvent::id).contains(correction);
            for (RecordedEvent r : records) {
                publisher.send(Topics.REGISTRY, r.key(), r.headers(), r.rawBody());
            }
            // A later record on the same partition is applied only after the redeliveries were handled.
            String marker = newNetworkCode();
            publisher.publish(Topics.REGISTRY, network, new NetworkRegistered(marker, "MARKER", "00C",
                    LocalDate.of(2019, 7, 1)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM known_network WHERE code = '" + marker + "'") == 1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM recalculation_due") == 0);
            assertThat(funding.drain(Duration.ofSeconds(1))).filteredOn(r -> network.equals(r.key())).isEmpty();
        }
        assertThat(count("SELECT count(*) FROM payment_adjustment WHERE network_code = '" + network + "'"))
                .isEqualTo(adjustments);
        assertThat(asCommissioner().get("/api/v1/networks/" + network + "/payments?financialYear=2025/26").then()
                .extract().asString()).isEqualTo(before);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicsAndLaterRecordsAreStillConsumed() {
        String after = newNetworkCode();
        try (TopicRecorder registryDead = TopicRecorder.fromNow(REGISTRY_DEAD_LETTERS);
                TopicRecorder workforceDead = TopicRecorder.fromNow(WORKFORCE_DEAD_LETTERS);
                EventPublisher publisher = new EventPublisher()) {
            publisher.send(Topics.REGISTRY, "U99999", Map.of("ce_id", "funding-poison-1", "ce_type",
                    "uk.nhs.pcn.registry.ListSizeRecorded.v1"), "{not json".getBytes(StandardCharsets.UTF_8));
            publisher.send(Topics.WORKFORCE, "U99999", Map.of("ce_id", "funding-poison-2", "ce_type",
                    "uk.nhs.pcn.workforce.MonthlyClaimCalculated.v1"),
                    "{\"networkCode\":\"U99999\",\"month\":\"June\"}".getBytes(StandardCharsets.UTF_8));
            publisher.publish(Topics.REGISTRY, after, new NetworkRegistered(after, "AFTER THE POISON", "00C",
                    LocalDate.of(2019, 7, 1)));

            assertThat(registryDead.await(r -> "funding-poison-1".equals(r.id()), 1, Duration.ofSeconds(30)).get(0)
                    .headers()).containsKey("dead-letter-reason");
            workforceDead.await(r -> "funding-poison-2".equals(r.id()), 1, Duration.ofSeconds(30));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> asCommissioner()
                    .get("/api/v1/networks/" + after + "/care-home-beds").statusCode() == 200);
        }
    }

    @Test
    void aNetworksFirstCalculationIsPublishedWithItsCause() {
        String network = newNetworkCode();
        try (TopicRecorder funding = TopicRecorder.fromNow(Topics.FUNDING);
                EventPublisher registry = new EventPublisher()) {
            String id = registry.publish(Topics.REGISTRY, network, new NetworkRegistered(network, "NEW PCN", "00C",
                    LocalDate.of(2024, 10, 1)));
            // Open from October 2024: its 2024/25, 2025/26 and 2026/27 years are calculated (every year it is open in
            // that has a rule set, 2026/27's with no rate confirmed), not the years before.
            List<RecordedEvent> recalculated = funding.await(r -> network.equals(r.key())
                    && r.isType("EntitlementRecalculated.v1"), 3, Duration.ofSeconds(30));
            assertThat(recalculated).extracting(r -> r.text("financialYear")).containsExactlyInAnyOrder("2024/25",
                    "2025/26", "2026/27");
            assertThat(recalculated).allSatisfy(r -> {
                assertThat(r.contractProblems()).isEmpty();
                assertThat(r.body().has("previousTotal")).isFalse();
                assertThat(r.body().path("causeEventIds").get(0).asText()).isEqualTo(id);
                assertThat(r.headers().get("ce_source")).isEqualTo("/pcn/funding-service");
            });
        }
        assertThat(json(asCommissioner().get("/api/v1/networks/" + network + "/payments?financialYear=2024/25")
                .then().statusCode(200).extract().response()).getObject("total", BigDecimal.class)).isZero();
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
