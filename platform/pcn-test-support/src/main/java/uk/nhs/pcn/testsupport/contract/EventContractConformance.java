package uk.nhs.pcn.testsupport.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import uk.nhs.pcn.events.ContractDocuments;
import uk.nhs.pcn.events.EventJson;
import uk.nhs.pcn.events.EventSchemas;

/**
 * The service's Kafka contract as an outside consumer meets it. Runs after every other test class of the suite
 * ({@link Order} {@link Integer#MAX_VALUE}, see {@link OrderAnnotationThenName}), then reads every record on the
 * suite's broker from offset 0 and requires each to be accepted by the official CloudEvents SDK, CloudEvents 1.0,
 * the AsyncAPI document and the schema its {@code ce_dataschema} names, and every event type of the service's
 * topics to have been published at least once. It also fetches the schemas and the AsyncAPI document from the
 * service without a token, as an integrator's tools would.
 * <p>
 * A service's test extends this class and is annotated {@code @QuarkusTest}; it shares the suite's application
 * and broker (test resources declared once for the module).
 */
@Order(Integer.MAX_VALUE)
public abstract class EventContractConformance {

    private static final Duration OUTBOX_DRAIN = Duration.ofSeconds(60);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everyEventTheSuitePublishedIsAcceptedByAnIntegratorsTools() throws Exception {
        awaitOutboxDrained();
        var config = ConfigProvider.getConfig();
        var records = PublicTopics.readAll(config.getValue("kafka.bootstrap.servers", String.class));
        PublishedEvents.Verdict verdict = PublishedEvents.judge(records,
                config.getValue("pcn.outbox.source", String.class), AsyncApiContract.published());
        assertTrue(verdict.accepted(), verdict.report());
    }

    @Test
    void everySchemaIsServedWithoutATokenAtThePathOfItsId() throws Exception {
        HttpResponse<byte[]> index = get("/schemas");
        assertEquals(200, index.statusCode());
        JsonNode schemas = EventJson.mapper().readTree(index.body()).path("schemas");
        assertEquals(ContractDocuments.schemaNames().size(), schemas.size(), "schemas listed at /schemas");
        List<Executable> checks = new ArrayList<>();
        for (JsonNode link : schemas) {
            String type = link.path("type").asText();
            URI id = URI.create(link.path("id").asText());
            URI href = URI.create(link.path("href").asText());
            checks.add(() -> {
                assertEquals(EventSchemas.id(type), id, type + " $id");
                assertEquals(lastSegment(id), lastSegment(href), type + ": served at the path of its $id");
                HttpResponse<byte[]> schema = get("/schemas/" + lastSegment(id));
                assertEquals(200, schema.statusCode(), href.toString());
                assertTrue(schema.headers().firstValue("Content-Type").orElse("")
                        .startsWith(ContractDocuments.SCHEMA_MEDIA_TYPE), href + " media type");
                assertArrayEquals(ContractDocuments.schema(lastSegment(id)).orElseThrow(), schema.body(),
                        href + " is the schema as built");
            });
        }
        assertAll(checks);

        HttpResponse<byte[]> unknown = get("/schemas/uk.nhs.pcn.registry.NoSuchEvent.v1.json");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(new String(unknown.body()).contains("NoSuchEvent"), "the 404 names what was asked for");

        // The one client error the index and the AsyncAPI document can meet, as their OpenAPI entries say.
        for (String path : List.of("/schemas", "/schemas/" + ContractDocuments.ASYNCAPI_NAME)) {
            HttpResponse<byte[]> unacceptable = http.send(HttpRequest.newBuilder(
                    URI.create(TestHTTPResourceManager.getUri() + path)).header("Accept", "application/xml").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(406, unacceptable.statusCode(), path + " asked for XML");
            assertTrue(unacceptable.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/problem+json"), path + ": the 406 is problem+json");
        }
    }

    @Test
    void theServedAsyncApiDocumentsPayloadsResolveToTheServedSchemas() throws Exception {
        URI location = URI.create(TestHTTPResourceManager.getUri() + "/schemas/" + ContractDocuments.ASYNCAPI_NAME);
        HttpResponse<byte[]> asyncApi = http.send(HttpRequest.newBuilder(location).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, asyncApi.statusCode());
        assertTrue(asyncApi.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        JsonNode messages = YAML.readTree(asyncApi.body()).path("components").path("messages");
        assertFalse(messages.isEmpty(), "messages in the served document");
        List<Executable> checks = new ArrayList<>();
        messages.forEach(message -> checks.add(() -> {
            // Resolved as a tool resolves a relative $ref: against the document's own URL.
            URI payload = location.resolve(message.path("payload").path("$ref").asText());
            HttpResponse<byte[]> schema = http.send(HttpRequest.newBuilder(payload).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, schema.statusCode(), payload.toString());
            assertEquals(EventSchemas.id(message.path("name").asText()).toString(),
                    EventJson.mapper().readTree(schema.body()).path("$id").asText(), payload.toString());
        }));
        assertAll(checks);
    }

    /** Events still in the outbox have not reached Kafka yet; wait until the relay has published them all. */
    private void awaitOutboxDrained() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + OUTBOX_DRAIN.toNanos();
        double pending = Double.NaN;
        while (System.nanoTime() < deadline) {
            pending = new String(get("/q/metrics").body()).lines()
                    .filter(line -> line.startsWith("pcn_outbox_pending"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .findFirst().orElse(Double.NaN);
            if (pending == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The outbox still held " + pending + " events after " + OUTBOX_DRAIN);
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(TestHTTPResourceManager.getUri() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String lastSegment(URI uri) {
        String path = uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
