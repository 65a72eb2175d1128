package uk.nhs.pcn.testsupport.fuzz;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One write operation of the document.
 *
 * @param bodies the request body's schema per media type (lower case), in the document's order
 * @param roles the roles its security requirement names (empty when it only requires a valid token)
 */
public record ApiOperation(String id, String method, String path, List<Parameter> pathParameters,
        List<Parameter> queryParameters, Map<String, JsonNode> bodies, boolean bodyRequired, List<String> roles) {

    public static final String JSON = "application/json";

    /** e.g. {@code POST /api/v1/networks/{code}/close}: how the report names the operation. */
    public String label() {
        return method + " " + path;
    }

    public boolean takesJson() {
        return bodies.containsKey(JSON);
    }

    /** The operation reads a body at all (JSON, a file or a form). */
    public boolean takesBody() {
        return !bodies.isEmpty();
    }

    /** A path or query parameter. */
    public record Parameter(String name, boolean required, JsonNode schema) {
    }
}
