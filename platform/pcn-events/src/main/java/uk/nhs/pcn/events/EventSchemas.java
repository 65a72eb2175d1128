package uk.nhs.pcn.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The contract's JSON Schemas: their {@code $id}s and validation of event bodies. Producers' tests validate what
 * they emit; consumers may validate what they receive.
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    /** Draft 2020-12 treats {@code format} as an annotation by default; integrators' validators assert it, so do we. */
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, URI> IDS = new ConcurrentHashMap<>();

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

    /**
     * The schema's {@code $id}: an absolute, stable URI, the value of {@code ce_dataschema} on every event of the
     * type. Its last path segment names the schema at {@code GET /schemas/{name}} of every service.
     */
    public static URI id(String type) {
        return IDS.computeIfAbsent(type, t -> {
            URI id = URI.create(schemaDocument(t).path("$id").asText());
            if (!id.isAbsolute()) {
                throw new IllegalStateException("The schema of " + t + " has no absolute $id: '" + id + "'");
            }
            return id;
        });
    }

    /** The event type whose schema has this {@code $id}, if it is one of the contract's. */
    public static Optional<String> typeWithSchema(URI id) {
        return Optional.ofNullable(TypesById.BY_ID.get(id));
    }

    public static JsonSchema schema(String type) {
        return CACHE.computeIfAbsent(type, t -> FACTORY.getSchema(schemaDocument(t), CONFIG));
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

    /**
     * Validation as a consumer needs it: like {@link #validate(String, JsonNode)}, except that fields this build's
     * schema does not know are accepted. Within {@code v1} a producer may add optional fields; a consumer built
     * against an earlier release ignores them rather than refusing the event.
     */
    public static List<String> validateIgnoringUnknownFields(String type, JsonNode body) {
        return schema(type).validate(body).stream()
                .filter(message -> !"additionalProperties".equals(message.getType()))
                .map(ValidationMessage::getMessage).toList();
    }

    /** Built on first use, after {@link EventTypes} is initialised. */
    private static final class TypesById {
        static final Map<URI, String> BY_ID = EventTypes.ALL.stream().map(EventTypes::typeOf)
                .collect(Collectors.toUnmodifiableMap(EventSchemas::id, Function.identity()));
    }
}
