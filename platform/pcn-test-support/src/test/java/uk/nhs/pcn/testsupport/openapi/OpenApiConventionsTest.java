package uk.nhs.pcn.testsupport.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The convention checks pass a document that keeps them and name each way a document can break them. */
class OpenApiConventionsTest {

    private static final String KEEPS_THEM = """
            {"openapi": "3.1.0",
             "info": {"title": "t", "version": "1", "license": {"name": "MIT"}, "contact": {"name": "maintainers"}},
             "servers": [{"url": "/"}],
             "paths": {"/api/v1/networks": {"post": {
                "operationId": "registerNetwork",
                "security": [{"bearerAuth": ["commissioner"]}],
                "responses": {
                  "201": {"description": "Registered", "headers": {"Location": {"schema": {"type": "string"}}}},
                  "400": {"description": "Invalid", "content": {"application/problem+json":
                          {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                  "409": {"$ref": "#/components/responses/Conflict"}}}}},
             "components": {
               "schemas": {"Problem": {"type": "object"}},
               "responses": {"Conflict": {"description": "Conflict", "content": {"application/problem+json":
                          {"schema": {"$ref": "#/components/schemas/Problem"}}}}},
               "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}}}
            """;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aDocumentKeepingEveryConventionHasNoProblems() throws Exception {
        assertThat(OpenApiConventions.problems(json.readTree(KEEPS_THEM))).isEmpty();
    }

    @Test
    void eachBrokenConventionIsNamed() throws Exception {
        assertThat(problems(d -> operation(d).remove("operationId")))
                .containsExactly("POST /api/v1/networks: no operationId");
        assertThat(problems(d -> {
            responses(d).remove("400");
            responses(d).remove("409");
        })).containsExactly("POST /api/v1/networks: documents no 4xx");
        assertThat(problems(d -> ((ObjectNode) responses(d).path("400").path("content")).set("application/json",
                json.createObjectNode())))
                .containsExactly("POST /api/v1/networks: 400 is not application/problem+json with the Problem schema");
        assertThat(problems(d -> ((ObjectNode) d.path("components").path("responses").path("Conflict")
                .path("content").path("application/problem+json").path("schema")).put("$ref", "#/x")))
                .containsExactly("POST /api/v1/networks: 409 is not application/problem+json with the Problem schema");
        assertThat(problems(d -> ((ObjectNode) d.path("components")).remove("securitySchemes")))
                .containsExactly("POST /api/v1/networks: requires security scheme 'bearerAuth', which is not defined");
        assertThat(problems(d -> ((ObjectNode) responses(d).path("201")).remove("headers")))
                .containsExactly("POST /api/v1/networks: 201 without a Location header");
        assertThat(problems(d -> d.remove("servers"))).containsExactly("no servers");
        assertThat(problems(d -> ((ObjectNode) d.path("info")).remove("license")))
                .containsExactly("no licence (info.license.name)");
        assertThat(problems(d -> ((ObjectNode) d.path("info")).remove("contact")))
                .containsExactly("no contact (info.contact)");
    }

    private java.util.List<String> problems(Consumer<ObjectNode> breakIt) throws Exception {
        ObjectNode document = (ObjectNode) json.readTree(KEEPS_THEM);
        breakIt.accept(document);
        return OpenApiConventions.problems(document);
    }

    private static ObjectNode operation(ObjectNode document) {
        return (ObjectNode) document.path("paths").path("/api/v1/networks").path("post");
    }

    private static ObjectNode responses(ObjectNode document) {
        return (ObjectNode) operation(document).path("responses");
    }
}
