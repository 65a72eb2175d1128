package uk.nhs.pcn.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import uk.nhs.pcn.testsupport.openapi.OpenApiConventions;

/**
 * What operations relies on in every service: liveness, readiness that checks the database and its migrations but
 * never Kafka (the outbox keeps writes going while the broker is away), a messaging health group with the broker and
 * the outbox backlog, every health endpoint answering within a second, Prometheus metrics including the outbox
 * backlog, and the OpenAPI document with Swagger UI, kept to the platform's conventions and committed in
 * {@code src/main/openapi/openapi.yaml}. A service's test extends this class and is annotated {@code @QuarkusTest}.
 */
public abstract class ServiceOperationsContract {

    /** Relative to the service module (Surefire's working directory). */
    static final Path COMMITTED_DOCUMENT = Path.of("src/main/openapi/openapi.yaml");

    /** The longest a health endpoint may take, broker or no broker. */
    public static final Duration HEALTH_ANSWER = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void livenessAndReadinessAreUpAndReadinessChecksTheDatabaseButNotKafka() throws Exception {
        HttpResponse<String> live = get("/q/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertFalse(live.body().toLowerCase(Locale.ROOT).contains("kafka"), live.body());
        assertFalse(live.body().toLowerCase(Locale.ROOT).contains("messaging"), live.body());
        HttpResponse<String> ready = get("/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("Database connections health check"), ready.body());
        assertTrue(ready.body().contains("Database migrations"), ready.body());
        // A broker outage must not take every replica out of the load balancer: the outbox holds the events.
        assertFalse(ready.body().toLowerCase(Locale.ROOT).contains("kafka"), ready.body());
        assertFalse(ready.body().toLowerCase(Locale.ROOT).contains("messaging"), ready.body());
    }

    @Test
    void theMessagingHealthGroupReportsTheBrokerAndTheOutboxBacklog() throws Exception {
        HttpResponse<String> messaging = get("/q/health/group/messaging");
        assertEquals(200, messaging.statusCode(), messaging.body());
        JsonNode checks = new ObjectMapper().readTree(messaging.body()).path("checks");
        List<String> names = new ArrayList<>();
        checks.forEach(check -> names.add(check.path("name").asText()));
        assertTrue(names.contains("Kafka broker"), names.toString());
        assertTrue(names.contains("Outbox backlog"), names.toString());
        boolean consumes = StreamSupport.stream(ConfigProvider.getConfig().getPropertyNames().spliterator(), false)
                .anyMatch(name -> name.startsWith("mp.messaging.incoming."));
        assertEquals(consumes, names.contains("Messaging channels"),
                "a service reports its incoming channels in the messaging group if and only if it has some: " + names);
        checks.forEach(check -> {
            if (check.path("name").asText().equals("Outbox backlog")) {
                assertTrue(check.path("data").has("pending"), check.toString());
                assertTrue(check.path("data").has("oldestPendingSeconds"), check.toString());
            }
        });
    }

    @Test
    void everyHealthEndpointAnswersWithinASecond() throws Exception {
        for (String path : List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started",
                "/q/health/group", "/q/health/group/messaging")) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(path);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(HEALTH_ANSWER) < 0, path + " took " + took.toMillis() + " ms");
            assertTrue(response.statusCode() == 200 || response.statusCode() == 503, path + ": " + response.statusCode());
        }
    }

    @Test
    void prometheusMetricsIncludeTheOutboxBacklog() throws Exception {
        HttpResponse<String> metrics = get("/q/metrics");
        assertEquals(200, metrics.statusCode());
        for (String gauge : List.of("pcn_outbox_pending", "pcn_outbox_oldest_pending_seconds")) {
            assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith(gauge + "{")),
                    gauge + " missing from /q/metrics");
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheApiAndSwaggerUiIsServed() throws Exception {
        HttpResponse<String> openapi = get("/q/openapi?format=json");
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("\"/api/v1/"), "no /api/v1 paths in the OpenAPI document");
        assertEquals(200, get("/q/swagger-ui/").statusCode());
    }

    @Test
    void theOpenApiDocumentIsOneAnIntegratorCanGenerateAClientFrom() throws Exception {
        JsonNode document = new ObjectMapper().readTree(get("/q/openapi?format=json").body());
        List<String> problems = OpenApiConventions.problems(document);
        assertTrue(problems.isEmpty(), "The OpenAPI document breaks the platform's conventions:\n"
                + String.join("\n", problems));
    }

    /**
     * The document is committed (the service's generated client is built from it): it must be the one served.
     * {@code ./mvnw verify -Dpcn.openapi.refresh=true} rewrites it from the running service.
     */
    @Test
    void theCommittedOpenApiDocumentIsTheOneServed() throws Exception {
        String served = get("/q/openapi").body();
        if (Boolean.getBoolean("pcn.openapi.refresh")) {
            Files.createDirectories(COMMITTED_DOCUMENT.getParent());
            Files.writeString(COMMITTED_DOCUMENT, served);
        }
        String refresh = " Refresh it with: ./mvnw verify -pl <service> -am -Dpcn.openapi.refresh=true"
                + " -Dtest=OperationsEndpointsTest -Dsurefire.failIfNoSpecifiedTests=false, and commit it.";
        assertTrue(Files.exists(COMMITTED_DOCUMENT), COMMITTED_DOCUMENT.toAbsolutePath() + " is missing." + refresh);
        List<String> committed = Files.readAllLines(COMMITTED_DOCUMENT);
        List<String> live = served.lines().toList();
        for (int i = 0; i < Math.max(committed.size(), live.size()); i++) {
            String was = i < committed.size() ? committed.get(i) : "<end of file>";
            String is = i < live.size() ? live.get(i) : "<end of document>";
            assertEquals(was, is, COMMITTED_DOCUMENT + " differs from the served document at line " + (i + 1)
                    + "." + refresh);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(TestHTTPResourceManager.getUri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
