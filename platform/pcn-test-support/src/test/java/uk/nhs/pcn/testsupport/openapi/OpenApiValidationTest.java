package uk.nhs.pcn.testsupport.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.restassured.specification.RequestSpecification;

/**
 * The validation fails a call whose response the document does not describe, and a request that breaks it unless
 * the call opts out with {@link OpenApiValidation#responseOnly()}. Served by a small HTTP server with its own
 * document: GET /things/{name} answers {"name": ...} as application/json, or 404 as problem+json.
 */
class OpenApiValidationTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
             "paths": {"/things/{name}": {
               "get": {"operationId": "getThing",
                 "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "responses": {
                   "200": {"description": "The thing", "content": {"application/json": {"schema": {
                       "type": "object", "properties": {"name": {"type": "string"}}}}}},
                   "404": {"description": "Not found", "content": {"application/problem+json": {"schema": {
                       "type": "object", "properties": {"status": {"type": "integer"}}}}}}}},
               "post": {"operationId": "renameThing",
                 "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "requestBody": {"required": true, "content": {"application/json": {"schema": {
                     "type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}}}},
                 "responses": {"400": {"description": "Invalid", "content": {"application/problem+json": {
                     "schema": {"type": "object", "properties": {"status": {"type": "integer"}}}}}}}}}}}
            """;

    /** What the server answers per thing name: status, content type, body. */
    private static final Map<String, String[]> ANSWERS = new ConcurrentHashMap<>(Map.of(
            "documented", new String[] { "200", "application/json", "{\"name\": \"documented\"}" },
            "missing", new String[] { "404", "application/problem+json", "{\"status\": 404}" },
            "extra-field", new String[] { "200", "application/json", "{\"name\": \"x\", \"secret\": 1}" },
            "wrong-type", new String[] { "200", "application/json", "{\"name\": 7}" },
            "teapot", new String[] { "418", "application/problem+json", "{\"status\": 418}" },
            "not-json", new String[] { "404", "text/plain", "gone" }));

    private static HttpServer server;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/q/openapi", exchange -> answer(exchange, 200, "application/json", DOCUMENT));
        server.createContext("/things/", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 400, "application/problem+json", "{\"status\": 400}");
                return;
            }
            String[] answer = ANSWERS.get(exchange.getRequestURI().getPath().substring("/things/".length()));
            answer(exchange, Integer.parseInt(answer[0]), answer[1], answer[2]);
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void documentedAnswersPass() {
        assertThatCode(() -> call().get("/things/documented").then().statusCode(200)).doesNotThrowAnyException();
        assertThatCode(() -> call().get("/things/missing").then().statusCode(404)).doesNotThrowAnyException();
    }

    @Test
    void anAnswerTheDocumentDoesNotDescribeFailsTheCall() {
        assertThatThrownBy(() -> call().get("/things/extra-field")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("secret");
        assertThatThrownBy(() -> call().get("/things/wrong-type")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> call().get("/things/teapot")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("418");
        assertThatThrownBy(() -> call().get("/things/not-json")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("text/plain");
    }

    @Test
    void aRequestBreakingTheDocumentFailsUnlessTheCallSaysItIsMeantTo() {
        assertThatThrownBy(() -> call().contentType("application/json").body("{\"nmae\": \"typo\"}")
                .post("/things/documented")).isInstanceOf(AssertionError.class).hasMessageContaining("The request");
        assertThatCode(() -> call().filter(OpenApiValidation.responseOnly()).contentType("application/json")
                .body("{\"nmae\": \"typo\"}").post("/things/documented").then().statusCode(400))
                .doesNotThrowAnyException();
    }

    private static RequestSpecification call() {
        return given().baseUri("http://localhost").port(server.getAddress().getPort())
                .filter(OpenApiValidation.INSTANCE_FOR_TESTS);
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
