package uk.nhs.pcn.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerNetwork;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.testsupport.KafkaBroker;
import uk.nhs.pcn.testsupport.PausableTcpProxy;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.ServiceOperationsContract;
import uk.nhs.pcn.testsupport.TopicRecorder;

/**
 * The broker hangs (its process paused, not stopped: connections stay open and nothing answers) while the
 * registry takes writes. Every write is accepted, the service stays ready and its health answers within a second,
 * and once the broker is back each event is on the topic exactly once, although the relay's producer gave up on its
 * requests and sent them again several times meanwhile.
 */
@QuarkusTest
@TestProfile(BrokerPauseTest.ThroughPausableProxy.class)
class BrokerPauseTest {

    private static final int WRITES = 20;
    /** Longer than the relay's old 10 s delivery timeout, after which it used to send each event again. */
    private static final Duration PAUSE = Duration.ofSeconds(12);
    /** The outbox backlog check turns DOWN once the next event has waited this long (5 minutes in production). */
    private static final Duration MAX_PENDING_AGE = Duration.ofSeconds(8);

    /** Every Kafka client of the service reaches the broker through the pausable proxy. */
    public static class ThroughPausableProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "${pcn.test.kafka.bootstrap-servers-through-proxy}",
                    // The producer times out each request after 2 s and sends it again, over a new connection.
                    "pcn.outbox.request-timeout", "PT2S",
                    "pcn.outbox.max-pending-age", MAX_PENDING_AGE.toString());
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void writesDuringAPauseAreAcceptedPublishedOnceEachAndHealthAnswersWithinASecond() throws Exception {
        PausableTcpProxy broker = KafkaBroker.shared().pausable();
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            String before = registerNetwork("2019-07-01");
            topic.await(r -> before.equals(r.key()), 1, Duration.ofSeconds(60));

            List<String> codes = new ArrayList<>();
            broker.pause();
            try {
                long pausedAt = System.nanoTime();
                for (int i = 0; i < WRITES; i++) {
                    codes.add(registerNetwork("2019-07-01"));
                }
                JsonNode messaging = health("/q/health/group/messaging");
                assertThat(messaging.path("status").asText()).isEqualTo("DOWN");
                assertThat(check(messaging, "Kafka broker").path("status").asText()).isEqualTo("DOWN");
                JsonNode outbox = check(messaging, "Outbox backlog");
                assertThat(outbox.path("status").asText()).as("backlog younger than the maximum age: " + outbox)
                        .isEqualTo("UP");
                assertThat(outbox.path("data").path("pending").asLong()).isGreaterThanOrEqualTo(WRITES);
                assertThat(topic.drain(Duration.ofSeconds(2))).as("published while the broker is paused")
                        .noneMatch(r -> codes.contains(r.key()));
                assertThat(health("/q/health/live").path("status").asText()).isEqualTo("UP");
                health("/q/health");
                health("/q/health/started");
                // Ready throughout the pause: the load balancer keeps sending writes, which the outbox keeps.
                Duration rest = PAUSE.minus(Duration.ofNanos(System.nanoTime() - pausedAt));
                if (!rest.isNegative() && !rest.isZero()) {
                    org.awaitility.Awaitility.await("ready throughout the pause").during(rest)
                            .atMost(rest.plusSeconds(5)).pollInterval(Duration.ofSeconds(1))
                            .until(() -> "UP".equals(health("/q/health/ready").path("status").asText()));
                }
                // Events late beyond the maximum age: the backlog check says so, and the gauge that alerts.
                JsonNode late = check(health("/q/health/group/messaging"), "Outbox backlog");
                assertThat(late.path("status").asText()).as(late.toString()).isEqualTo("DOWN");
                assertThat(gauge("pcn_outbox_oldest_pending_seconds")).isGreaterThan(MAX_PENDING_AGE.toSeconds());
                assertThat(gauge("pcn_outbox_pending")).isGreaterThanOrEqualTo(WRITES);
            } finally {
                broker.resume();
            }

            topic.await(r -> codes.contains(r.key()), WRITES, Duration.ofSeconds(60));
            Map<String, Long> copies = topic.drain(Duration.ofSeconds(5)).stream()
                    .filter(r -> codes.contains(r.key()))
                    .collect(Collectors.groupingBy(RecordedEvent::key, Collectors.counting()));
            assertThat(copies).as("records of each network registered during the pause")
                    .hasSize(WRITES).allSatisfy((code, count) -> assertThat(count).as(code).isEqualTo(1));
            assertThat(awaitMessagingUp().path("status").asText()).isEqualTo("UP");
        }
    }

    /** A health endpoint's answer, which must come within a second whatever its status. */
    private JsonNode health(String path) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(TestHTTPResourceManager.getUri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as(path + " answered in").isLessThan(ServiceOperationsContract.HEALTH_ANSWER);
        assertThat(response.statusCode()).as(path).isIn(200, 503);
        return new ObjectMapper().readTree(response.body());
    }

    private double gauge(String name) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(TestHTTPResourceManager.getUri() + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " missing from /q/metrics"));
    }

    private static JsonNode check(JsonNode health, String name) {
        Map<String, JsonNode> checks = new HashMap<>();
        health.path("checks").forEach(c -> checks.put(c.path("name").asText(), c));
        assertThat(checks).as("checks in " + health).containsKey(name);
        return checks.get(name);
    }

    private JsonNode awaitMessagingUp() throws Exception {
        return org.awaitility.Awaitility.await("the messaging group UP").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).until(() -> health("/q/health/group/messaging"),
                        m -> "UP".equals(m.path("status").asText()));
    }
}
