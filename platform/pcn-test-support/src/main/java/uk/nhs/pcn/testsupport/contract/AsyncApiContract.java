package uk.nhs.pcn.testsupport.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import uk.nhs.pcn.events.ContractDocuments;
import uk.nhs.pcn.events.EventJson;

/**
 * The AsyncAPI document read as an integrator's tooling reads it: channels (topics), the messages on each (one per
 * {@code ce_type}), each message's payload schema, headers and Kafka key. Nothing here is hard-coded: a message or
 * channel added to {@code asyncapi.yaml} is checked the moment it is published.
 */
public final class AsyncApiContract {

    /** One message of the document. */
    public record Message(String type, String channel, URI payloadSchemaId, List<JsonSchema> headerSchemas,
            Set<String> declaredHeaders, Optional<JsonSchema> keySchema) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** AsyncAPI 3.0 schemas are JSON Schema draft 7 with extensions; formats (date-time, uri) are asserted. */
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig ASSERT_FORMATS = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private final Map<String, Message> byType;

    private AsyncApiContract(Map<String, Message> byType) {
        this.byType = byType;
    }

    /** The document this build publishes. */
    public static AsyncApiContract published() {
        return parse(ContractDocuments.asyncApi());
    }

    public static AsyncApiContract parse(byte[] yaml) {
        JsonNode document;
        try {
            document = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("asyncapi.yaml is not YAML", e);
        }
        Map<String, Message> byType = new LinkedHashMap<>();
        document.path("channels").forEach(channel -> channel.path("messages").forEach(ref -> {
            JsonNode message = resolve(document, ref);
            String type = message.path("name").asText();
            List<JsonSchema> headers = new ArrayList<>();
            Set<String> declared = new LinkedHashSet<>();
            JsonSchema key = null;
            List<JsonNode> parts = new ArrayList<>();
            message.path("traits").forEach(trait -> parts.add(resolve(document, trait)));
            parts.add(message);
            for (JsonNode part : parts) {
                if (part.has("headers")) {
                    JsonNode schema = resolve(document, part.get("headers"));
                    headers.add(SCHEMAS.getSchema(schema, ASSERT_FORMATS));
                    schema.path("properties").fieldNames().forEachRemaining(declared::add);
                }
                JsonNode keySchema = part.path("bindings").path("kafka").path("key");
                if (!keySchema.isMissingNode()) {
                    key = SCHEMAS.getSchema(resolve(document, keySchema), ASSERT_FORMATS);
                }
            }
            byType.put(type, new Message(type, channel.path("address").asText(),
                    payloadSchemaId(resolve(document, message.path("payload"))), List.copyOf(headers),
                    Set.copyOf(declared), Optional.ofNullable(key)));
        }));
        return new AsyncApiContract(byType);
    }

    public Optional<Message> message(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** Every {@code ce_type} of the document. */
    public Set<String> types() {
        return Set.copyOf(byType.keySet());
    }

    /** The {@code ce_type}s the document puts on a topic. */
    public Set<String> typesOn(String channelAddress) {
        Set<String> types = new LinkedHashSet<>();
        byType.values().stream().filter(m -> m.channel().equals(channelAddress)).forEach(m -> types.add(m.type()));
        return types;
    }

    /** A payload is a reference to one of the contract's schema files; its {@code $id} identifies it. */
    private static URI payloadSchemaId(JsonNode payload) {
        String ref = payload.path("$ref").asText();
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        byte[] schema = ContractDocuments.schema(name)
                .orElseThrow(() -> new IllegalStateException("asyncapi.yaml refers to a payload schema '" + ref
                        + "' that is not in the contract"));
        try {
            return URI.create(EventJson.mapper().readTree(schema).path("$id").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Follows a local reference ({@code #/components/...}); anything else is returned as it is. */
    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }
}
