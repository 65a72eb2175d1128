package uk.nhs.pcn.testsupport.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A service's OpenAPI document as the fuzzer reads it: its write operations (POST, PUT, PATCH, DELETE), each with
 * its path and query parameters, the request body's schema per media type, and the roles its security names.
 */
public final class ApiDocument {

    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");

    private final JsonNode root;

    private ApiDocument(JsonNode root) {
        this.root = root;
    }

    public static ApiDocument parse(String json) {
        try {
            return new ApiDocument(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenAPI document is not JSON", e);
        }
    }

    /** The document's title, e.g. "PCN registry-service" (the service, in the report). */
    public String title() {
        return root.path("info").path("title").asText("service");
    }

    /** Follows {@code $ref} (within the document) until it reaches a schema, parameter or body itself. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; hops < 20 && current != null && current.has("$ref"); hops++) {
            String ref = current.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("Only local references are supported, not " + ref);
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }

    /** Every write operation, ordered by path then method, so that a seed always plans the same requests. */
    public List<ApiOperation> writeOperations() {
        List<ApiOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (WRITES.contains(op.getKey())) {
                    operations.add(operation(path.getKey(), path.getValue(), op.getKey(), op.getValue()));
                }
            }
        }
        operations.sort(Comparator.comparing(ApiOperation::path).thenComparing(ApiOperation::method));
        return operations;
    }

    private ApiOperation operation(String path, JsonNode pathItem, String method, JsonNode op) {
        List<ApiOperation.Parameter> pathParameters = new ArrayList<>();
        List<ApiOperation.Parameter> queryParameters = new ArrayList<>();
        List<JsonNode> declared = new ArrayList<>();
        pathItem.path("parameters").forEach(declared::add);
        op.path("parameters").forEach(declared::add);
        for (JsonNode raw : declared) {
            JsonNode p = resolve(raw);
            ApiOperation.Parameter parameter = new ApiOperation.Parameter(p.path("name").asText(),
                    p.path("required").asBoolean(false), p.path("schema"));
            switch (p.path("in").asText()) {
                case "path" -> pathParameters.add(parameter);
                case "query" -> queryParameters.add(parameter);
                default -> {
                    // headers and cookies are not fuzzed
                }
            }
        }
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        JsonNode requestBody = resolve(op.path("requestBody"));
        for (Iterator<Map.Entry<String, JsonNode>> content = requestBody.path("content").fields(); content.hasNext();) {
            Map.Entry<String, JsonNode> media = content.next();
            bodies.put(media.getKey().toLowerCase(Locale.ROOT), media.getValue().path("schema"));
        }
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode requirement : op.path("security")) {
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(r -> roles.add(r.asText())));
        }
        String id = op.path("operationId").asText(method + " " + path);
        return new ApiOperation(id, method.toUpperCase(Locale.ROOT), path, pathParameters, queryParameters, bodies,
                requestBody.path("required").asBoolean(false), List.copyOf(roles));
    }
}
