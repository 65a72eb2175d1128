package uk.nhs.pcn.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates event bodies against the contract's JSON Schemas. Producers' tests validate what they emit;
 * consumers may validate what they receive.
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    public static JsonNode schemaDocument(String type) {
        String resource = EventTypes.schemaResource(type);
        try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No JSON Schema for event type " + type + " at " + resource);
            }
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonSchema schema(String type) {
        return CACHE.computeIfAbsent(type, t -> FACTORY.getSchema(schemaDocument(t)));
    }

    /** @return the problems found, empty when the body is valid for the type */
    public static List<String> validate(String type, JsonNode body) {
        return schema(type).validate(body).stream().map(ValidationMessage::getMessage).toList();
    }

    public static List<String> validate(String type, byte[] body) {
        try {
            return validate(type, EventJson.mapper().readTree(body));
        } catch (IOException e) {
            return List.of("body is not JSON: " + e.getMessage());
        }
    }
}
