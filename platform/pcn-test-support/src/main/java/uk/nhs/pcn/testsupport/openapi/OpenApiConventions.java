package uk.nhs.pcn.testsupport.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an integrator needs from every PCN service's OpenAPI document before generating a client from it: an
 * {@code operationId} on every operation, every 4xx as {@code application/problem+json} with the one shared
 * {@code Problem} schema, security requirements that name a defined bearer scheme, a {@code Location} header on every
 * {@code 201}, and {@code servers}, licence and contact.
 */
public final class OpenApiConventions {

    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    private OpenApiConventions() {
    }

    /** @return one sentence per broken convention, naming the operation; empty when the document keeps them all */
    public static List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        if (!document.path("servers").isArray() || document.path("servers").isEmpty()) {
            problems.add("no servers");
        }
        if (document.path("info").path("license").path("name").asText("").isBlank()) {
            problems.add("no licence (info.license.name)");
        }
        if (!document.path("info").path("contact").isObject() || document.path("info").path("contact").isEmpty()) {
            problems.add("no contact (info.contact)");
        }
        if (!document.path("components").path("schemas").has("Problem")) {
            problems.add("no Problem schema in components");
        }
        JsonNode schemes = document.path("components").path("securitySchemes");
        Set<String> operationIds = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    check(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), op.getValue(),
                            document, schemes, operationIds, problems);
                }
            }
        }
        return problems;
    }

    private static void check(String name, JsonNode operation, JsonNode document, JsonNode schemes,
            Set<String> operationIds, List<String> problems) {
        String operationId = operation.path("operationId").asText("");
        if (operationId.isBlank()) {
            problems.add(name + ": no operationId");
        } else if (!operationIds.add(operationId)) {
            problems.add(name + ": operationId " + operationId + " is used twice");
        }
        boolean anyClientError = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = operation.path("responses").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String status = entry.getKey();
            JsonNode response = resolve(document, entry.getValue());
            if (status.startsWith("4")) {
                anyClientError = true;
                JsonNode content = response.path("content");
                if (content.size() != 1 || !PROBLEM_REF.equals(
                        content.path(PROBLEM_MEDIA_TYPE).path("schema").path("$ref").asText())) {
                    problems.add(name + ": " + status + " is not " + PROBLEM_MEDIA_TYPE + " with the Problem schema");
                }
            }
            if (status.equals("201") && !response.path("headers").has("Location")) {
                problems.add(name + ": 201 without a Location header");
            }
        }
        if (!anyClientError) {
            problems.add(name + ": documents no 4xx");
        }
        for (JsonNode requirement : operation.path("security")) {
            requirement.fieldNames().forEachRemaining(scheme -> {
                JsonNode defined = schemes.path(scheme);
                if (defined.isMissingNode()) {
                    problems.add(name + ": requires security scheme '" + scheme + "', which is not defined");
                } else if (!"http".equals(defined.path("type").asText())
                        || !"bearer".equalsIgnoreCase(defined.path("scheme").asText())) {
                    problems.add(name + ": security scheme '" + scheme + "' is not an HTTP bearer scheme");
                }
            });
        }
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (!ref.startsWith("#/")) {
            return node;
        }
        return document.at(ref.substring(1));
    }
}
