package uk.nhs.pcn.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResourceManager;

/**
 * What operations relies on in every service: liveness, readiness that checks the database and Kafka, Prometheus
 * metrics including the outbox backlog, and the OpenAPI document with Swagger UI. A service's test extends this
 * class and is annotated {@code @QuarkusTest}.
 */
public abstract class ServiceOperationsContract {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void livenessAndReadinessAreUpAndReadinessChecksTheDatabaseAndKafka() throws Exception {
        assertEquals(200, get("/q/health/live").statusCode());
        HttpResponse<String> ready = get("/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("Database connections health check"), ready.body());
        assertTrue(ready.body().contains("Kafka connection health check"), ready.body());
    }

    @Test
    void prometheusMetricsIncludeTheOutboxBacklog() throws Exception {
        HttpResponse<String> metrics = get("/q/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("pcn_outbox_pending"), "pcn_outbox_pending missing from /q/metrics");
    }

    @Test
    void theOpenApiDocumentDescribesTheApiAndSwaggerUiIsServed() throws Exception {
        HttpResponse<String> openapi = get("/q/openapi?format=json");
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("\"/api/v1/"), "no /api/v1 paths in the OpenAPI document");
        assertTrue(openapi.body().contains("\"jwt\""), "no bearer-token security scheme in the OpenAPI document");
        assertEquals(200, get("/q/swagger-ui/").statusCode());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(TestHTTPResourceManager.getUri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
