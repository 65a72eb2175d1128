package uk.nhs.pcn.workforce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.appointment;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.asManager;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.awaitKnown;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.testsupport.JwtSigner;
import uk.nhs.pcn.testsupport.KafkaBroker;
import uk.nhs.pcn.testsupport.KraftBrokerConfig;
import uk.nhs.pcn.testsupport.PostgresServer;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TestTokens;
import uk.nhs.pcn.testsupport.TopicRecorder;

/**
 * Both services' code, one broker: registry-service runs as its packaged jar (built earlier in the reactor) on the
 * shared test broker; a network registered through its API must become known to workforce-service via Kafka.
 */
@QuarkusTest
class RegistryToWorkforceEndToEndTest {

    @Inject
    InMemorySpanExporter spans;

    static final Path REGISTRY_JAR = Path.of("../registry-service/target/quarkus-app/quarkus-run.jar");

    static Process registry;
    static String registryDatabase;
    static int registryPort;

    @BeforeAll
    static void startRegistry() throws Exception {
        assertThat(REGISTRY_JAR).as("registry-service must be packaged first (./mvnw verify builds it before "
                + "this module)").exists();
        registryDatabase = PostgresServer.locate().createDatabase("pcn_e2e_registry");
        registryPort = KraftBrokerConfig.freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", REGISTRY_JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target/e2e-registry-service.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("PCN_REGISTRY_JDBC_URL", registryDatabase);
        env.put("PCN_REGISTRY_DB_USER", PostgresServer.locate().user());
        env.put("PCN_REGISTRY_DB_PASSWORD", PostgresServer.locate().password());
        env.put("PCN_REGISTRY_PORT", Integer.toString(registryPort));
        env.put("PCN_KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.shared().bootstrapServers());
        env.put("PCN_JWT_PUBLIC_KEY", TestTokens.publicKeyLocation());
        env.put("PCN_JWT_ISSUER", JwtSigner.ISSUER);
        registry = builder.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Awaitility.await("registry-service ready (see target/e2e-registry-service.log)").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    assertThat(registry.isAlive()).as("registry-service exited; see target/e2e-registry-service.log")
                            .isTrue();
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + registryPort
                                + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.destroy();
            registry.waitFor(20, TimeUnit.SECONDS);
        }
        if (registryDatabase != null) {
            PostgresServer.locate().dropDatabase(registryDatabase);
        }
    }

    @Test
    void aNetworkRegisteredInTheRegistryBecomesKnownToWorkforceThroughKafka() throws IOException {
        String code = "U00990";
        given().baseUri("http://localhost").port(registryPort)
                .header("Authorization", TestTokens.bearer(TestTokens.commissioner())).contentType("application/json")
                .body(Map.of("code", code, "name", "END TO END PCN", "commissionerCode", "00C", "openDate",
                        "2019-07-01"))
                .post("/api/v1/networks").then().statusCode(201);
        awaitKnown(code);
        asManager(code).body(appointment("clinical-pharmacist", "1.0", "2024-04-01", "50000", "12000"))
                .post("/api/v1/networks/" + code + "/staff").then().statusCode(201);
        // Closing it in the registry flags the appointment here.
        given().baseUri("http://localhost").port(registryPort)
                .header("Authorization", TestTokens.bearer(TestTokens.commissioner())).contentType("application/json")
                .body(Map.of("closeDate", "2025-03-31")).post("/api/v1/networks/" + code + "/close").then()
                .statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> List.of("2025-03-31").equals(
                asManager(code).get("/api/v1/networks/" + code + "/staff?asAt=2024-06-01").then().extract()
                        .jsonPath().getList("atRiskSince")));
        assertThat(Files.size(Path.of("target/e2e-registry-service.log"))).isPositive();
    }
    @Test
    void oneTraceRunsFromARegistryWriteThroughKafkaToWorkforcesEffectAndOnToItsOwnEvents() {
        String code = "U00991";
        String registerTrace = "0af7651916cd43dd8448eb211c80319c";
        String closeTrace = "5e1c4a0f7b2d48e6a3f9c0d1e2b3a4f5";
        try (TopicRecorder registryTopic = TopicRecorder.fromNow(Topics.REGISTRY);
                TopicRecorder workforceTopic = TopicRecorder.fromNow(Topics.WORKFORCE)) {
            asCommissionerOfTheRegistry(registerTrace)
                    .body(Map.of("code", code, "name", "TRACED PCN", "commissionerCode", "00C", "openDate",
                            "2019-07-01"))
                    .post("/api/v1/networks").then().statusCode(201);
            // The registry's record carries the write's trace id ...
            RecordedEvent registered = registryTopic.await(r -> code.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            assertThat(registered.headers().get("traceparent")).contains(registerTrace);
            // ... and workforce-service applies it in a span of that trace, the child of the publish span.
            SpanData applied = Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                    () -> spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CONSUMER
                            && s.getTraceId().equals(registerTrace)
                            && s.getName().equals(Topics.REGISTRY + " process")).findFirst(),
                    java.util.Optional::isPresent).orElseThrow();
            assertThat(registered.headers().get("traceparent")).contains(applied.getParentSpanId());
            awaitKnown(code);

            asManager(code).body(appointment("clinical-pharmacist", "1.0", "2024-04-01", "50000", "12000"))
                    .post("/api/v1/networks/" + code + "/staff").then().statusCode(201);
            asCommissionerOfTheRegistry(closeTrace).body(Map.of("closeDate", "2025-03-31"))
                    .post("/api/v1/networks/" + code + "/close").then().statusCode(200);
            // The effect's own event (an appointment now at risk) continues the registry write's trace.
            RecordedEvent atRisk = workforceTopic.await(r -> code.equals(r.key()) && r.isType("AppointmentAtRisk.v1"),
                    1, Duration.ofSeconds(30)).get(0);
            assertThat(atRisk.headers().get("traceparent")).contains(closeTrace);
        }
    }

    private static io.restassured.specification.RequestSpecification asCommissionerOfTheRegistry(String traceId) {
        return given().baseUri("http://localhost").port(registryPort)
                .header("Authorization", TestTokens.bearer(TestTokens.commissioner()))
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .contentType("application/json");
    }
}
