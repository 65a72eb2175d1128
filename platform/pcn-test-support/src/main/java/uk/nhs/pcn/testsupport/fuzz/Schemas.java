package uk.nhs.pcn.testsupport.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The document's request schemas, read two ways: {@link #violations} says whether a body is one the document allows
 * (a request that breaks it must be refused), and {@link #valid} writes a value it allows, realistic where the
 * schema gives examples or patterns.
 *
 * <p>Stricter than JSON Schema in the ways the platform promises: a field the schema does not name is refused
 * (unknown fields are a 400), and no text may hold a NUL character or an unpaired UTF-16 surrogate (PostgreSQL cannot
 * store them; silently storing a replacement is a coercion). Laxer in one: {@code null} for an optional field reads
 * as leaving it out, as the services' JSON mapping does.
 */
final class Schemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final ApiDocument document;

    Schemas(ApiDocument document) {
        this.document = document;
    }

    JsonNode resolve(JsonNode schema) {
        return document.resolve(schema);
    }

    // ---------------------------------------------------------------- checking

    /** Each way the value breaks the schema, as "path: rule"; empty when the document allows it. */
    List<String> violations(JsonNode schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "", out);
        return out;
    }

    /** Does the object schema require any field? (A body that requires none may be left out.) */
    boolean requiresAnything(JsonNode schema) {
        JsonNode s = resolve(schema);
        return s.path("required").size() > 0 || !types(s).isEmpty() && !types(s).contains("object");
    }

    private void check(JsonNode rawSchema, JsonNode value, String path, List<String> out) {
        JsonNode schema = resolve(rawSchema);
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, path, out);
        }
        String where = path.isEmpty() ? "body" : path;
        Set<String> types = types(schema);
        String actual = jsonType(value);
        if (!types.isEmpty() && !types.contains(actual) && !("integer".equals(actual) && types.contains("number"))) {
            out.add(where + ": type " + actual + " where " + String.join("|", types) + " is required");
            return;
        }
        if (schema.has("enum") && !inEnum(schema.path("enum"), value)) {
            out.add(where + ": not one of " + schema.path("enum"));
        }
        switch (actual) {
            case "string" -> checkString(schema, value.textValue(), where, out);
            case "integer", "number" -> checkNumber(schema, value.decimalValue(), where, out);
            case "object" -> checkObject(schema, value, path, out);
            case "array" -> checkArray(schema, value, path, out);
            default -> {
                // null and booleans have no further rules
            }
        }
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        } else {
            type.forEach(t -> types.add(t.asText()));
        }
        if (!types.isEmpty() && schema.path("nullable").asBoolean(false)) {
            types.add("null");
        }
        return types;
    }

    static String jsonType(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            BigDecimal d = value.decimalValue();
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0 ? "integer" : "number";
        }
        return "unknown";
    }

    private static boolean inEnum(JsonNode allowed, JsonNode value) {
        for (JsonNode a : allowed) {
            if (a.equals(value) || a.isNumber() && value.isNumber()
                    && a.decimalValue().compareTo(value.decimalValue()) == 0) {
                return true;
            }
        }
        return false;
    }

    private static void checkString(JsonNode schema, String s, String where, List<String> out) {
        String unstorable = unstorable(s);
        if (unstorable != null) {
            out.add(where + ": " + unstorable);
        }
        int length = s.codePointCount(0, s.length());
        if (schema.has("maxLength") && length > schema.path("maxLength").asInt()) {
            out.add(where + ": longer than " + schema.path("maxLength").asInt());
        }
        if (schema.has("minLength") && length < schema.path("minLength").asInt()) {
            out.add(where + ": shorter than " + schema.path("minLength").asInt());
        }
        if (schema.has("pattern") && !Pattern.compile(schema.path("pattern").asText()).matcher(s).find()) {
            out.add(where + ": does not match " + schema.path("pattern").asText());
        }
        String format = schema.path("format").asText("");
        if (format.equals("date") && !isDate(s)) {
            out.add(where + ": not a date as YYYY-MM-DD");
        }
        if (format.equals("uuid") && !s.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            out.add(where + ": not a UUID");
        }
    }

    /** Why PostgreSQL could not store the text as sent, or null when it can. */
    static String unstorable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return "contains an unpaired surrogate";
                }
            } else if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate";
            }
        }
        return null;
    }

    static boolean isDate(String s) {
        if (!ISO_DATE.matcher(s).matches()) {
            return false;
        }
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void checkNumber(JsonNode schema, BigDecimal v, String where, List<String> out) {
        if (schema.has("minimum")) {
            BigDecimal min = schema.path("minimum").decimalValue();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? v.compareTo(min) <= 0 : v.compareTo(min) < 0) {
                out.add(where + ": below the minimum " + min.toPlainString());
            }
        }
        if (schema.path("exclusiveMinimum").isNumber()
                && v.compareTo(schema.path("exclusiveMinimum").decimalValue()) <= 0) {
            out.add(where + ": not above " + schema.path("exclusiveMinimum").decimalValue().toPlainString());
        }
        if (schema.has("maximum")) {
            BigDecimal max = schema.path("maximum").decimalValue();
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? v.compareTo(max) >= 0 : v.compareTo(max) > 0) {
                out.add(where + ": above the maximum " + max.toPlainString());
            }
        }
        if (schema.path("exclusiveMaximum").isNumber()
                && v.compareTo(schema.path("exclusiveMaximum").decimalValue()) >= 0) {
            out.add(where + ": not below " + schema.path("exclusiveMaximum").decimalValue().toPlainString());
        }
        if (schema.has("multipleOf")) {
            BigDecimal step = schema.path("multipleOf").decimalValue();
            if (step.signum() > 0 && v.remainder(step).signum() != 0) {
                out.add(where + ": not a multiple of " + step.toPlainString());
            }
        }
        String format = schema.path("format").asText("");
        if (format.equals("int32") && (v.compareTo(INT_MIN) < 0 || v.compareTo(INT_MAX) > 0)) {
            out.add(where + ": outside int32");
        }
        if (format.equals("int64") && (v.compareTo(LONG_MIN) < 0 || v.compareTo(LONG_MAX) > 0)) {
            out.add(where + ": outside int64");
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String path, List<String> out) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                out.add(join(path, required.asText()) + ": required");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = join(path, field.getKey());
            if (field.getValue().isNull() && properties.has(field.getKey()) && !required(schema, field.getKey())) {
                continue; // null for an optional field reads as leaving it out
            }
            if (properties.has(field.getKey())) {
                check(properties.path(field.getKey()), field.getValue(), fieldPath, out);
            } else if (schema.path("additionalProperties").isObject()) {
                check(schema.path("additionalProperties"), field.getValue(), fieldPath, out);
            } else {
                out.add(fieldPath + ": unknown field");
            }
        }
    }

    private static boolean required(JsonNode schema, String field) {
        for (JsonNode r : schema.path("required")) {
            if (r.asText().equals(field)) {
                return true;
            }
        }
        return false;
    }

    private void checkArray(JsonNode schema, JsonNode value, String path, List<String> out) {
        String where = path.isEmpty() ? "body" : path;
        if (schema.has("minItems") && value.size() < schema.path("minItems").asInt()) {
            out.add(where + ": fewer than " + schema.path("minItems").asInt() + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.path("maxItems").asInt()) {
            out.add(where + ": more than " + schema.path("maxItems").asInt() + " items");
        }
        if (schema.path("uniqueItems").asBoolean(false)) {
            Set<JsonNode> seen = new HashSet<>();
            value.forEach(item -> {
                if (!seen.add(item)) {
                    out.add(where + ": repeats " + item);
                }
            });
        }
        for (int i = 0; i < value.size(); i++) {
            check(schema.path("items"), value.get(i), path + "[" + i + "]", out);
        }
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    // ---------------------------------------------------------------- writing valid values

    /** A value the schema allows, realistic where it can be: an example, a pattern's match, a date, a mid number. */
    JsonNode valid(JsonNode rawSchema, String name, Random random) {
        JsonNode schema = resolve(rawSchema);
        for (JsonNode example : examples(schema)) {
            if (violations(schema, example).isEmpty()) {
                return example.deepCopy();
            }
        }
        if (schema.has("enum") && schema.path("enum").size() > 0) {
            return schema.path("enum").get(0).deepCopy();
        }
        Set<String> types = types(schema);
        String type = types.stream().filter(t -> !t.equals("null")).findFirst()
                .orElse(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> object(schema, random);
            case "array" -> array(schema, name, random);
            case "integer" -> NODES.numberNode(integer(schema));
            case "number" -> NODES.numberNode(number(schema));
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.textNode(string(schema, name, random));
        };
    }

    private static List<JsonNode> examples(JsonNode schema) {
        List<JsonNode> examples = new ArrayList<>();
        schema.path("examples").forEach(examples::add);
        if (schema.has("example")) {
            examples.add(schema.path("example"));
        }
        return examples;
    }

    private ObjectNode object(JsonNode schema, Random random) {
        ObjectNode object = NODES.objectNode();
        schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(),
                valid(p.getValue(), p.getKey(), random)));
        return object;
    }

    private ArrayNode array(JsonNode schema, String name, Random random) {
        ArrayNode array = NODES.arrayNode();
        int count = Math.max(1, schema.path("minItems").asInt(1));
        JsonNode items = resolve(schema.path("items"));
        for (int i = 0; i < count; i++) {
            if (items.has("enum") && items.path("enum").size() > i) {
                array.add(items.path("enum").get(i).deepCopy());
            } else {
                array.add(valid(items, name, random));
            }
        }
        return array;
    }

    private static BigInteger integer(JsonNode schema) {
        BigDecimal low = schema.has("minimum") ? schema.path("minimum").decimalValue() : BigDecimal.ONE;
        BigDecimal high = schema.has("maximum") ? schema.path("maximum").decimalValue() : low.add(BigDecimal.valueOf(1000));
        BigDecimal candidate = BigDecimal.valueOf(12);
        if (candidate.compareTo(low) <= 0 || candidate.compareTo(high) >= 0) {
            candidate = low.add(high).divide(BigDecimal.valueOf(2), 0, RoundingMode.DOWN);
        }
        return candidate.toBigInteger();
    }

    private static BigDecimal number(JsonNode schema) {
        BigDecimal step = schema.has("multipleOf") ? schema.path("multipleOf").decimalValue() : new BigDecimal("0.01");
        BigDecimal candidate;
        if (schema.has("maximum")) {
            BigDecimal low = schema.has("minimum") ? schema.path("minimum").decimalValue()
                    : schema.path("exclusiveMinimum").isNumber() ? schema.path("exclusiveMinimum").decimalValue()
                            : BigDecimal.ZERO;
            candidate = low.add(schema.path("maximum").decimalValue()).divide(BigDecimal.valueOf(2));
        } else {
            candidate = new BigDecimal("31250.50");
        }
        return candidate.divide(step, 0, RoundingMode.DOWN).multiply(step).stripTrailingZeros();
    }

    private static String string(JsonNode schema, String name, Random random) {
        String format = schema.path("format").asText("");
        if (format.equals("date")) {
            return "2022-03-10";
        }
        if (format.equals("uuid")) {
            return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
        }
        if (format.equals("email") || name.toLowerCase(Locale.ROOT).contains("email")) {
            return "someone@example.org";
        }
        String words = "Fuzz " + name;
        String pattern = schema.path("pattern").asText(null);
        String value = words;
        if (pattern != null && !Pattern.compile(pattern).matcher(words).find()) {
            value = RegexSample.of(pattern, random);
        }
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        if (value.length() > max) {
            value = value.substring(0, max);
        }
        return value;
    }
}
