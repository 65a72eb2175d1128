package uk.nhs.pcn.testsupport.openapi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The served OpenAPI 3.1 document restated as 3.0.3 for the validator only. swagger-request-validator 2.44 reads a
 * 3.1 document but then ignores every schema's {@code type} (a string where an integer is documented passes); given
 * the same schemas in 3.0 form it checks them. The restatement keeps the meaning: {@code type: [T, "null"]} becomes
 * {@code type: T, nullable: true}, a numeric {@code exclusiveMinimum}/{@code exclusiveMaximum} becomes
 * {@code minimum}/{@code maximum} with the boolean flag, a schema's {@code examples} list becomes one {@code example}.
 */
final class ValidatorDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ValidatorDocument() {
    }

    static String from(String openApi31) {
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(openApi31);
            if (document.path("openapi").asText().startsWith("3.1")) {
                document.put("openapi", "3.0.3");
                restate(document);
            }
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The OpenAPI document is not JSON", e);
        }
    }

    private static void restate(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode type = object.get("type");
            if (type instanceof ArrayNode types) {
                List<String> named = new ArrayList<>();
                types.forEach(t -> named.add(t.asText()));
                if (named.remove("null")) {
                    object.put("nullable", true);
                }
                if (named.size() == 1) {
                    object.put("type", named.get(0));
                } else {
                    object.remove("type");
                }
            }
            exclusiveBound(object, "exclusiveMinimum", "minimum");
            exclusiveBound(object, "exclusiveMaximum", "maximum");
            if (object.get("examples") instanceof ArrayNode examples && object.has("type")) {
                object.remove("examples");
                if (!examples.isEmpty()) {
                    object.set("example", examples.get(0));
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                restate(fields.next().getValue());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(ValidatorDocument::restate);
        }
    }

    private static void exclusiveBound(ObjectNode schema, String exclusive, String inclusive) {
        JsonNode bound = schema.get(exclusive);
        if (bound != null && bound.isNumber()) {
            schema.set(inclusive, bound);
            schema.put(exclusive, true);
        }
    }
}
