package uk.nhs.pcn.events.evolution;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds the changes between a released contract and the current one that would break a consumer of the release.
 * <p>
 * The rule within a topic version ({@code v1}): every event ever published stays on the topic for good and is
 * validated against the schema at its {@code $id}, and consumers built against any earlier release keep running.
 * So an existing field never changes: not removed or renamed, not made required or optional, no other type,
 * format, pattern, bound or enum (a value added to an enum reaches consumers that cannot know what it means). What
 * may be added: optional fields, event types, messages, channels and operations. Descriptions, titles and examples
 * may change freely.
 */
public final class ContractEvolution {

    /** Keywords that describe and never constrain: free to change. */
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "examples", "$comment",
            "deprecated", "default", "readOnly", "writeOnly");
    /** Keywords compared by their own rules below. */
    private static final Set<String> STRUCTURE = Set.of("$id", "type", "enum", "properties", "required", "items");

    private final List<Break> breaks = new ArrayList<>();

    private ContractEvolution() {
    }

    /** The breaking changes from {@code released} to {@code current}; empty when the change is compatible. */
    public static List<Break> compare(Contract released, Contract current) {
        ContractEvolution evolution = new ContractEvolution();
        released.schemas().forEach((name, before) -> {
            JsonNode after = current.schemas().get(name);
            if (after == null) {
                evolution.report(name, "removed-schema", "the schema was removed");
            } else {
                evolution.compareSchemaDocument(name, before, after);
            }
        });
        evolution.compareAsyncApi(released.asyncApi(), current.asyncApi());
        return List.copyOf(evolution.breaks);
    }

    /** Compares two versions of one JSON Schema document. */
    public static List<Break> compareSchemas(String name, JsonNode before, JsonNode after) {
        ContractEvolution evolution = new ContractEvolution();
        evolution.compareSchemaDocument(name, before, after);
        return List.copyOf(evolution.breaks);
    }

    private void compareSchemaDocument(String name, JsonNode before, JsonNode after) {
        if (!Objects.equals(before.path("$id").asText(), after.path("$id").asText())) {
            report(name, "changed-id", "$id changed from " + before.path("$id").asText() + " to "
                    + after.path("$id").asText() + "; events already published name the old one");
        }
        compareSchema(name, "", before, after);
    }

    private void compareSchema(String document, String path, JsonNode before, JsonNode after) {
        String where = path.isEmpty() ? document : document + " " + path;
        compareTypes(where, before, after);
        compareEnums(where, before, after);
        compareProperties(document, path, before, after);
        if (before.has("items") || after.has("items")) {
            compareSchema(document, path + "[]", before.path("items"), after.path("items"));
        }
        Set<String> keywords = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(keywords::add);
        after.fieldNames().forEachRemaining(keywords::add);
        for (String keyword : keywords) {
            if (ANNOTATIONS.contains(keyword) || STRUCTURE.contains(keyword)) {
                continue;
            }
            JsonNode was = before.get(keyword);
            JsonNode is = after.get(keyword);
            if (!Objects.equals(was, is)) {
                report(where, "changed-constraint", was == null ? "'" + keyword + "' " + is + " added"
                        : is == null ? "'" + keyword + "' " + was + " removed"
                                : "'" + keyword + "' changed from " + was + " to " + is);
            }
        }
    }

    private void compareTypes(String where, JsonNode before, JsonNode after) {
        Set<String> was = types(before);
        Set<String> is = types(after);
        List<String> lost = was.stream().filter(t -> !covers(is, t)).toList();
        List<String> gained = is.isEmpty() && !was.isEmpty() ? List.of("any")
                : is.stream().filter(t -> !covers(was, t)).toList();
        if (!lost.isEmpty() && !gained.isEmpty()) {
            report(where, "changed-type", "type changed from " + was + " to " + is);
        } else if (!lost.isEmpty()) {
            report(where, "narrowed-type", "type narrowed from " + was + " to " + is
                    + "; events already published no longer validate");
        } else if (!gained.isEmpty()) {
            report(where, "widened-type", "type widened from " + was + " to " + (is.isEmpty() ? "any" : is)
                    + "; consumers do not expect the new values");
        }
    }

    /** The declared types; empty when the schema allows any type. */
    private static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        }
        type.forEach(t -> types.add(t.asText()));
        return types;
    }

    private static boolean covers(Set<String> types, String type) {
        return types.isEmpty() || types.contains(type) || "integer".equals(type) && types.contains("number");
    }

    private void compareEnums(String where, JsonNode before, JsonNode after) {
        if (!before.has("enum") && !after.has("enum")) {
            return;
        }
        if (!after.has("enum")) {
            report(where, "widened-enum", "the enum was removed; consumers do not expect other values");
            return;
        }
        if (!before.has("enum")) {
            report(where, "narrowed-enum", "an enum now restricts the values to " + after.get("enum"));
            return;
        }
        Set<JsonNode> was = elements(before.get("enum"));
        Set<JsonNode> is = elements(after.get("enum"));
        for (JsonNode value : was) {
            if (!is.contains(value)) {
                report(where, "narrowed-enum", "enum value " + value + " removed; events already published carry it");
            }
        }
        for (JsonNode value : is) {
            if (!was.contains(value)) {
                report(where, "added-enum-value", "enum value " + value + " added; consumers built against the "
                        + "release cannot know what it means (publish it on a new topic version)");
            }
        }
    }

    private void compareProperties(String document, String path, JsonNode before, JsonNode after) {
        String where = path.isEmpty() ? document : document + " " + path;
        JsonNode was = before.path("properties");
        JsonNode is = after.path("properties");
        Set<String> requiredBefore = texts(before.path("required"));
        Set<String> requiredAfter = texts(after.path("required"));
        for (Iterator<Map.Entry<String, JsonNode>> it = was.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            String fieldPath = path.isEmpty() ? "properties." + name : path + ".properties." + name;
            if (!is.has(name)) {
                report(where, "removed-field", "field '" + name + "' was removed or renamed");
                continue;
            }
            if (!requiredBefore.contains(name) && requiredAfter.contains(name)) {
                report(where, "field-became-required", "field '" + name + "' became required; events already "
                        + "published may lack it");
            }
            if (requiredBefore.contains(name) && !requiredAfter.contains(name)) {
                report(where, "field-became-optional", "field '" + name + "' is no longer required; consumers "
                        + "rely on it");
            }
            compareSchema(document, fieldPath, field.getValue(), is.get(name));
        }
        for (String name : requiredAfter) {
            if (!was.has(name)) {
                report(where, "new-required-field", "new field '" + name + "' is required; only optional fields "
                        + "may be added");
            }
        }
    }

    private void compareAsyncApi(JsonNode before, JsonNode after) {
        String document = "asyncapi.yaml";
        eachField(before.path("channels"), (key, channel) -> {
            JsonNode now = after.path("channels").path(key);
            String where = document + " channels." + key;
            if (now.isMissingNode()) {
                report(where, "removed-channel", "channel '" + key + "' (" + channel.path("address").asText()
                        + ") was removed");
                return;
            }
            if (!channel.path("address").equals(now.path("address"))) {
                report(where, "changed-address", "address changed from " + channel.path("address").asText()
                        + " to " + now.path("address").asText());
            }
            eachField(channel.path("messages"), (message, ref) -> {
                if (!ref.equals(now.path("messages").path(message))) {
                    report(where, "removed-message", "message '" + message + "' is no longer on the channel");
                }
            });
        });
        eachField(before.path("operations"), (key, operation) -> {
            JsonNode now = after.path("operations").path(key);
            if (now.isMissingNode()) {
                report(document + " operations." + key, "removed-operation", "operation '" + key + "' was removed");
            } else if (!operation.path("action").equals(now.path("action"))
                    || !operation.path("channel").equals(now.path("channel"))) {
                report(document + " operations." + key, "changed-operation", "action or channel changed");
            }
        });
        eachField(before.path("components").path("messages"), (key, message) -> {
            JsonNode now = after.path("components").path("messages").path(key);
            String where = document + " components.messages." + key;
            if (now.isMissingNode()) {
                report(where, "removed-message", "message '" + key + "' ("
                        + message.path("name").asText() + ") was removed");
                return;
            }
            if (!message.path("name").equals(now.path("name"))) {
                report(where, "changed-message-name", "name (the ce_type) changed from "
                        + message.path("name").asText() + " to " + now.path("name").asText());
            }
            if (!message.path("payload").equals(now.path("payload"))) {
                report(where, "changed-payload", "payload changed from " + message.path("payload") + " to "
                        + now.path("payload"));
            }
            if (!message.path("traits").equals(now.path("traits"))) {
                report(where, "changed-traits", "traits changed from " + message.path("traits") + " to "
                        + now.path("traits"));
            }
            compareMessageParts(where, message, now);
        });
        eachField(before.path("components").path("messageTraits"), (key, trait) -> {
            JsonNode now = after.path("components").path("messageTraits").path(key);
            String where = document + " components.messageTraits." + key;
            if (now.isMissingNode()) {
                report(where, "removed-trait", "message trait '" + key + "' was removed");
                return;
            }
            compareMessageParts(where, trait, now);
        });
    }

    /** Headers and the Kafka key of a message or trait are schemas: the same rules apply. */
    private void compareMessageParts(String where, JsonNode before, JsonNode after) {
        if (before.has("headers") || after.has("headers")) {
            compareSchema(where, "headers", before.path("headers"), after.path("headers"));
        }
        JsonNode keyBefore = before.path("bindings").path("kafka").path("key");
        JsonNode keyAfter = after.path("bindings").path("kafka").path("key");
        if (!keyBefore.isMissingNode() || !keyAfter.isMissingNode()) {
            compareSchema(where, "bindings.kafka.key", keyBefore, keyAfter);
        }
    }

    private void report(String where, String rule, String detail) {
        breaks.add(new Break(where, rule, detail));
    }

    private static void eachField(JsonNode node, java.util.function.BiConsumer<String, JsonNode> action) {
        node.fields().forEachRemaining(e -> action.accept(e.getKey(), e.getValue()));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Set<JsonNode> elements(JsonNode array) {
        Set<JsonNode> values = new LinkedHashSet<>();
        array.forEach(values::add);
        return values;
    }
}
