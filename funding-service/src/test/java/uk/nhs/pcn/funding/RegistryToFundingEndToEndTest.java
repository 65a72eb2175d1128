package uk.nhs.pcn.funding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.funding.FundingTestSupport.asCommissioner;
import static uk.nhs.pcn.funding.FundingTestSupport.asManager;
import static uk.nhs.pcn.funding.FundingTestSupport.awaitSchedule;
import static uk.nhs.pcn.funding.FundingTestSupport.beds;
import static uk.nhs.pcn.funding.FundingTestSupport.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.workforce.MonthlyClaimCalculated;
import uk.nhs.pcn.testsupport.EventPublisher;
import uk.nhs.pcn.testsupport.PackagedService;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TestTokens;
import uk.nhs.pcn.testsupport.TopicRecorder;

/**
 * Both services' code, one broker: registry-service runs as its packaged jar (built earlier in the reactor) on the
 * shared test broker; what a commissioner changes in the registry must change the networks' money here. The steps
 * build on each other, in order.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryToFundingEndToEndTest {

    static final String LEAVING = "U00981";
    static final String JOINING = "U00982";
    static final String MOVER = "E00981";
    static final String STAYER = "E00982";
    static final String YEAR = "2025/26";

    static PackagedService registry;

    @BeforeAll
    static void startRegistry() {
        registry = PackagedService.start("registry-service");
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void networksAndPracticesRegisteredInTheRegistryAreScheduledHere() {
        for (String network : List.of(LEAVING, JOINING)) {
            registryApi().body(Map.of("code", network, "name", "END TO END " + network, "commissionerCode", "00C",
                    "openDate", "2019-07-01")).post("/api/v1/networks").then().statusCode(201);
        }
        for (String[] practice : new String[][] { { MOVER, LEAVING, "9000" }, { STAYER, JOINING, "6000" } }) {
            registryApi().body(Map.of("code", practice[0], "name", "SURGERY " + practice[0], "commissionerCode",
                    "00C")).post("/api/v1/practices").then().statusCode(201);
            registryApi().body(Map.of("networkCode", practice[1], "from", "2019-07-01"))
                    .post("/api/v1/practices/" + practice[0] + "/memberships").then().statusCode(201);
            registryApi().body(Map.of("asAt", "2025-01-01", "registeredPatients", Integer.parseInt(practice[2]),
                    "weightedPopulation", new BigDecimal(practice[2]), "adjustedPopulation",
                    new BigDecimal(practice[2]))).post("/api/v1/practices/" + practice[0] + "/list-sizes").then()
                    .statusCode(201);
        }
        for (String network : List.of(LEAVING, JOINING)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> asCommissioner()
                    .get("/api/v1/networks/" + network + "/care-home-beds").statusCode() == 200);
            beds(network, "2019-07-01", 0);
        }
        JsonPath leaving = awaitSchedule(LEAVING, YEAR, s -> amount(s, 2, "core-pcn-funding|registered") != null);
        assertThat(amount(leaving, 2, "core-pcn-funding|registered")).isEqualByComparingTo("1699.50"); // 2.266 × 9,000 ÷ 12
        assertThat(leaving.getBoolean("incomplete")).isFalse();
        asCommissioner().post("/api/v1/networks/" + LEAVING + "/payments/2025-04/confirm").then().statusCode(200);
        asCommissioner().post("/api/v1/networks/" + LEAVING + "/payments/2025-05/confirm").then().statusCode(200);
    }

    @Test
    @Order(2)
    void aPracticeMovingMidMonthChangesBothNetworksWithinASecondSplitByDays() {
        try (TopicRecorder funding = TopicRecorder.fromNow(Topics.FUNDING);
                TopicRecorder registryTopic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            registryApi().body(Map.of("networkCode", JOINING, "from", "2025-06-16"))
                    .post("/api/v1/practices/" + MOVER + "/memberships/move").then().statusCode(200);
            long moved = System.nanoTime();
            // The recalculations are published after the read model changed: by then both schedules, which are
            // calculated when read, show the move.
            List<RecordedEvent> recalculated = funding.await(r -> r.isType("EntitlementRecalculated.v1")
                    && YEAR.equals(r.text("financialYear")), 2, Duration.ofSeconds(10));
            Duration latency = Duration.ofNanos(System.nanoTime() - moved);
            System.out.println("Move in the registry → both networks recalculated and published here: "
                    + latency.toMillis() + " ms");
            assertThat(latency).isLessThan(Duration.ofSeconds(1));
            JsonPath leaving = awaitSchedule(LEAVING, YEAR, s -> "2025-06-15".equals(s.getString(
                    "months[2].lines.find { it.key == 'core-pcn-funding|registered' }.parts[0].to")));
            JsonPath joining = awaitSchedule(JOINING, YEAR, s -> s.getList(
                    "months[2].lines.find { it.key == 'core-pcn-funding|registered' }.parts").size() == 2);

            // June: the mover counts 15 of 30 days in each network; 2.266 × 9,000 × 15 ÷ 360 = 849.75.
            assertThat(leaving.getInt("months[2].lines.find { it.key == 'core-pcn-funding|registered' }.parts[0].days"))
                    .isEqualTo(15);
            assertThat(amount(leaving, 2, "core-pcn-funding|registered")).isEqualByComparingTo("849.75");
            assertThat(leaving.getString("months[3].lines.find { it.key == 'core-pcn-funding|registered' }"))
                    .as("no member from July").isNull();
            assertThat(joining.getList("months[2].lines.find { it.key == 'core-pcn-funding|registered' }.parts.days",
                    Integer.class)).containsExactly(15, 30); // E00981 from the 16th, E00982 all month
            // 2.266 × (9,000 × 15 + 6,000 × 30) ÷ 360 = 1,982.75
            assertThat(amount(joining, 2, "core-pcn-funding|registered")).isEqualByComparingTo("1982.75");
            // The mover's participation payment follows it: a line in each network for its days there.
            assertThat(amount(leaving, 2, "network-participation|weighted|" + MOVER))
                    .isEqualByComparingTo("660.38"); // 1.761 × 9,000 × 15 ÷ 360 = 660.375
            assertThat(amount(joining, 2, "network-participation|weighted|" + MOVER)).isEqualByComparingTo("660.38");
            // April and May of the leaving network were confirmed and the move does not reach them.
            assertThat(leaving.getList("months[0].adjustments")).isEmpty();

            // One recalculation per network and year the move changes (the mover stays in the joining network
            // into 2026/27), each naming the registry event that caused it.
            List<RecordedEvent> moves = registryTopic.await(r -> MOVER.equals(r.headers().get("ce_subject")), 2,
                    Duration.ofSeconds(10));
            assertThat(funding.drain(Duration.ofSeconds(1))).filteredOn(r -> r.isType("EntitlementRecalculated.v1"))
                    .extracting(r -> r.key() + " " + r.text("financialYear")).containsExactlyInAnyOrder(
                            LEAVING + " " + YEAR, JOINING + " " + YEAR, LEAVING + " 2026/27", JOINING + " 2026/27");
            assertThat(recalculated).extracting(RecordedEvent::key).containsExactlyInAnyOrder(LEAVING, JOINING);
            assertThat(recalculated).allSatisfy(r -> {
                assertThat(r.contractProblems()).isEmpty();
                assertThat(moves).extracting(RecordedEvent::id)
                        .contains(r.body().path("causeEventIds").get(0).asText());
            });
        }
    }

    @Test
    @Order(3)
    void aListSizeCorrectionAfterConfirmationIsAnAdjustmentLineNotAChangedMonth() {
        JsonPath before = json(asCommissioner().get("/api/v1/networks/" + LEAVING + "/payments?financialYear=" + YEAR)
                .then().extract().response());
        try (TopicRecorder registryTopic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            registryApi().body(Map.of("asAt", "2025-01-01", "registeredPatients", 9_600, "weightedPopulation",
                    new BigDecimal("9000"), "adjustedPopulation", new BigDecimal("9000")))
                    .post("/api/v1/practices/" + MOVER + "/list-sizes").then().statusCode(201);
            String cause = registryTopic.await(r -> r.isType("ListSizeRecorded.v1"), 1, Duration.ofSeconds(10))
                    .get(0).id();
            JsonPath after = awaitSchedule(LEAVING, YEAR, s -> s.getList("months[2].adjustments").size() == 2);
            assertThat(after.getList("months[0].lines")).isEqualTo(before.getList("months[0].lines"));
            assertThat(after.getList("months[1].lines")).isEqualTo(before.getList("months[1].lines"));
            assertThat(after.getList("months[2].adjustments.correctsMonth")).containsExactly("2025-04", "2025-05");
            assertThat(after.getList("months[2].adjustments.amount", BigDecimal.class))
                    .allSatisfy(a -> assertThat(a).isEqualByComparingTo("113.30")); // 2.266 × 600 ÷ 12
            assertThat(after.getList("months[2].adjustments.causes.flatten()")).containsOnly(cause);
            // June is not confirmed: it is simply recalculated, 2.266 × 9,600 × 15 ÷ 360 = 906.40.
            assertThat(amount(after, 2, "core-pcn-funding|registered")).isEqualByComparingTo("906.40");
            // The joining network's months follow the corrected list too.
            awaitSchedule(JOINING, YEAR, s -> amount(s, 3, "core-pcn-funding|registered")
                    .compareTo(new BigDecimal("2945.80")) == 0); // 2.266 × 15,600 ÷ 12 = 2,945.80
        }
    }

    @Test
    @Order(4)
    void redeliveringEveryEventChangesNothing() {
        String leaving = asCommissioner().get("/api/v1/networks/" + LEAVING + "/payments?financialYear=" + YEAR)
                .then().extract().asString();
        String joining = asCommissioner().get("/api/v1/networks/" + JOINING + "/payments?financialYear=" + YEAR)
                .then().extract().asString();
        try (TopicRecorder funding = TopicRecorder.fromNow(Topics.FUNDING);
                TopicRecorder everything = TopicRecorder.fromBeginning(Topics.REGISTRY);
                EventPublisher publisher = new EventPublisher()) {
            List<RecordedEvent> records = everything.await(r -> List.of(LEAVING, JOINING).contains(r.key()), 9,
                    Duration.ofSeconds(30));
            for (RecordedEvent r : everything.drain(Duration.ofSeconds(1))) {
                if (List.of(LEAVING, JOINING).contains(r.key())) {
                    publisher.send(Topics.REGISTRY, r.key(), r.headers(), r.rawBody());
                }
            }
            assertThat(records).isNotEmpty();
            assertThat(funding.drain(Duration.ofSeconds(3))).filteredOn(r -> List.of(LEAVING, JOINING)
                    .contains(r.key())).isEmpty();
        }
        assertThat(asCommissioner().get("/api/v1/networks/" + LEAVING + "/payments?financialYear=" + YEAR).then()
                .extract().asString()).isEqualTo(leaving);
        assertThat(asCommissioner().get("/api/v1/networks/" + JOINING + "/payments?financialYear=" + YEAR).then()
                .extract().asString()).isEqualTo(joining);
    }

    @Test
    @Order(5)
    void aPoisonRecordGoesToTheDeadLetterTopic() {
        try (TopicRecorder dead = TopicRecorder.fromNow(Topics.deadLetter(Topics.REGISTRY, "funding-service"));
                EventPublisher publisher = new EventPublisher()) {
            publisher.send(Topics.REGISTRY, LEAVING, Map.of("ce_id", "e2e-poison", "ce_type",
                    "uk.nhs.pcn.registry.PracticeJoinedNetwork.v1"),
                    "{\"networkCode\":\"U00981\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(dead.await(r -> "e2e-poison".equals(r.id()), 1, Duration.ofSeconds(30)).get(0).headers())
                    .containsKey("dead-letter-reason");
        }
        // The registry's own later changes still arrive.
        registryApi().body(Map.of("name", "RENAMED AFTER THE POISON", "effectiveDate", "2025-09-01"))
                .post("/api/v1/networks/" + LEAVING + "/rename").then().statusCode(200);
    }

    @Test
    @Order(6)
    void aWorkforceClaimReducesTheArrsHeadroom() {
        String path = "/api/v1/networks/" + JOINING + "/arrs?financialYear=" + YEAR;
        BigDecimal headroom = json(asManager(JOINING).get(path).then().statusCode(200).extract().response())
                .getObject("headroom", BigDecimal.class);
        try (EventPublisher workforce = new EventPublisher()) {
            workforce.publish(Topics.WORKFORCE, JOINING, new MonthlyClaimCalculated(JOINING, "2025-04", YEAR, 2,
                    new BigDecimal("12345.67"), new BigDecimal("12345.67"), LocalDate.of(2025, 4, 1)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> json(asManager(JOINING).get(path).then()
                .extract().response()).getObject("headroom", BigDecimal.class)
                .compareTo(headroom.subtract(new BigDecimal("12345.67"))) == 0);
    }

    private static BigDecimal amount(JsonPath schedule, int month, String key) {
        return schedule.getObject("months[" + month + "].lines.find { it.key == '" + key + "' }.amount",
                BigDecimal.class);
    }

    private static RequestSpecification registryApi() {
        return given().baseUri("http://localhost").port(registry.port())
                .header("Authorization", TestTokens.bearer(TestTokens.commissioner())).contentType("application/json");
    }
}
