package uk.nhs.pcn.testsupport.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The values a field is given instead of a valid one: the systematic catalogue per kind of field (every field
 * wrong-typed; numbers at and past their bounds; impossible and mis-written dates; text with NUL, control
 * characters, unpaired surrogates, other scripts' digits, 100,000 characters; enums in lower case), and random
 * values drawn from the same pools.
 */
final class BadValues {

    /** A labelled value; the label says what it is in the report. */
    record Bad(String kind, String label, JsonNode value) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩";
    static final String FULLWIDTH = "０１２３４５６７８９";

    private BadValues() {
    }

    /** The systematic catalogue for a field with the (resolved) schema and a valid value. */
    static List<Bad> forField(JsonNode schema, JsonNode valid) {
        List<Bad> out = new ArrayList<>();
        String type = Schemas.jsonType(valid);
        boolean date = "date".equals(schema.path("format").asText());
        boolean enumerated = schema.has("enum");
        wrongTypes(type, valid, date, out);
        switch (type) {
            case "integer", "number" -> numbers(schema, out);
            case "string" -> {
                if (date) {
                    dates(out);
                } else if (enumerated) {
                    enums(valid.asText(), out);
                } else {
                    texts(schema, valid.asText(), out);
                }
            }
            case "array" -> arrays(schema, valid, out);
            default -> {
                // objects are mutated field by field; booleans only by type
            }
        }
        return out;
    }

    private static void wrongTypes(String type, JsonNode valid, boolean date, List<Bad> out) {
        String k = "wrong type";
        if (!type.equals("string")) {
            out.add(new Bad(k, "\"12\" (string)", NODES.textNode("12")));
            out.add(new Bad(k, "\"" + escape(valid.isTextual() ? valid.asText() : valid.toString())
                    + "\" (the value as a string)",
                    NODES.textNode(valid.isTextual() ? valid.asText() : valid.toString())));
        }
        if (!type.equals("integer") && !type.equals("number")) {
            out.add(new Bad(k, "12 (number)", NODES.numberNode(12)));
            out.add(new Bad(k, "1.5 (number)", NODES.numberNode(new BigDecimal("1.5"))));
        }
        if (!type.equals("boolean")) {
            out.add(new Bad(k, "true (boolean)", NODES.booleanNode(true)));
            out.add(new Bad(k, "false (boolean)", NODES.booleanNode(false)));
        }
        if (!type.equals("object")) {
            out.add(new Bad(k, "{} (object)", NODES.objectNode()));
            ObjectNode wrapped = NODES.objectNode();
            wrapped.set("value", valid.deepCopy());
            out.add(new Bad(k, "{\"value\": the value} (object)", wrapped));
        }
        if (!type.equals("array")) {
            out.add(new Bad(k, "[] (array)", NODES.arrayNode()));
            out.add(new Bad(k, "[the value] (array)", NODES.arrayNode().add(valid.deepCopy())));
        }
        out.add(new Bad(k, "null", NODES.nullNode()));
        if (date) {
            out.add(new Bad(k, "20240101 (number)", NODES.numberNode(20240101)));
            out.add(new Bad(k, "19723 (number, an epoch day)", NODES.numberNode(19723)));
            out.add(new Bad(k, "1704067200000 (number, epoch milliseconds)", NODES.numberNode(1704067200000L)));
            out.add(new Bad(k, "2147483649 (number, past the last epoch day)", NODES.numberNode(2147483649L)));
            out.add(new Bad(k, "[2024,1,1] (array)", NODES.arrayNode().add(2024).add(1).add(1)));
            ObjectNode parts = NODES.objectNode();
            parts.put("year", 2024).put("month", 1).put("day", 1);
            out.add(new Bad(k, "{year, month, day} (object)", parts));
        }
        switch (type) {
            case "integer" -> {
                out.add(new Bad(k, "\"١٢\" (Arabic-Indic digits)", NODES.textNode("١٢")));
                out.add(new Bad(k, "\"１２\" (fullwidth digits)", NODES.textNode("１２")));
                out.add(new Bad(k, "\" 12\" (padded string)", NODES.textNode(" 12")));
                out.add(new Bad(k, "\"1e2\" (string)", NODES.textNode("1e2")));
                out.add(new Bad(k, "\"0x10\" (string)", NODES.textNode("0x10")));
                out.add(new Bad(k, "12.5 (fraction)", NODES.numberNode(new BigDecimal("12.5"))));
            }
            case "number" -> {
                out.add(new Bad(k, "\"0.5\" (string)", NODES.textNode("0.5")));
                out.add(new Bad(k, "\"1,5\" (string)", NODES.textNode("1,5")));
                out.add(new Bad(k, "\"NaN\" (string)", NODES.textNode("NaN")));
                out.add(new Bad(k, "\"Infinity\" (string)", NODES.textNode("Infinity")));
                out.add(new Bad(k, "\"١٫٥\" (Arabic-Indic digits)", NODES.textNode("١٫٥")));
            }
            case "boolean" -> {
                out.add(new Bad(k, "\"true\" (string)", NODES.textNode("true")));
                out.add(new Bad(k, "\"yes\" (string)", NODES.textNode("yes")));
                out.add(new Bad(k, "1 (number)", NODES.numberNode(1)));
                out.add(new Bad(k, "0 (number)", NODES.numberNode(0)));
            }
            default -> {
                // no type-specific extras
            }
        }
    }

    private static void numbers(JsonNode schema, List<Bad> out) {
        String k = "number";
        for (String n : List.of("0", "-1", "-0.001", "0.0001", "0.001", "0.005", "0.5", "1", "1E+308", "-1E+308",
                "4.9E-324", "2147483647", "2147483649", "-2147483649", "9223372036854775807",
                "9223372036854775808", "1000000000000000000000000000000", "1234567.891", "99999999999.99")) {
            out.add(new Bad(k, n, number(n)));
        }
        out.add(new Bad(k, "10^400 (401 digits)", NODES.numberNode(BigInteger.TEN.pow(400))));
        out.add(new Bad(k, "10^1200 (beyond the parser's number length)", NODES.numberNode(BigInteger.TEN.pow(1200))));
        BigDecimal step = schema.has("multipleOf") ? schema.path("multipleOf").decimalValue() : BigDecimal.ONE;
        for (String bound : List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) {
            if (schema.path(bound).isNumber()) {
                BigDecimal b = schema.path(bound).decimalValue();
                out.add(new Bad(k, bound + " " + b.toPlainString(), NODES.numberNode(b)));
                out.add(new Bad(k, bound + " - " + step.toPlainString(), NODES.numberNode(b.subtract(step))));
                out.add(new Bad(k, bound + " + " + step.toPlainString(), NODES.numberNode(b.add(step))));
            }
        }
        if (schema.has("multipleOf")) {
            BigDecimal off = BigDecimal.ONE.add(step.divide(BigDecimal.TEN));
            out.add(new Bad(k, off.toPlainString() + " (not a multiple of " + step.toPlainString() + ")",
                    NODES.numberNode(off)));
        }
    }

    static JsonNode number(String literal) {
        BigDecimal d = new BigDecimal(literal);
        if (d.scale() <= 0 && !literal.contains("E") && !literal.contains("e")) {
            return NODES.numberNode(d.toBigIntegerExact());
        }
        return NODES.numberNode(d);
    }

    static final List<String> BAD_DATES = List.of("2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10",
            "2024-01-32", "2024-04-31", "2024-1-1", "2024-01-1", "20240101", "2024/01/01", "01/02/2024", "01-02-2024",
            "2024-01-01T00:00:00Z", "2024-01-01T00:00", "2024-01", "+12024-01-01", "-2024-01-01", "24-01-01",
            "٢٠٢٤-٠١-٠١", "２０２４-０１-０１", "2024‐01‐01", "2024-01-01\u0000", "", " ", "today", "null");

    private static void dates(List<Bad> out) {
        for (String d : BAD_DATES) {
            out.add(new Bad("date", "\"" + escape(d) + "\"", NODES.textNode(d)));
        }
        // Padded: not YYYY-MM-DD, so refused. Then odd but well-formed ones, only held to "no 5xx".
        for (String d : List.of(" 2024-01-01", "2024-01-01 ", "0000-01-01", "9999-12-31", "1900-02-28")) {
            out.add(new Bad("date", "\"" + escape(d) + "\"", NODES.textNode(d)));
        }
    }

    private static void enums(String valid, List<Bad> out) {
        String k = "enum";
        if (!valid.toLowerCase(Locale.ROOT).equals(valid)) {
            out.add(new Bad(k, "\"" + valid.toLowerCase(Locale.ROOT) + "\" (lower case)",
                    NODES.textNode(valid.toLowerCase(Locale.ROOT))));
        }
        out.add(new Bad(k, "\"" + valid + " \" (trailing space)", NODES.textNode(valid + " ")));
        out.add(new Bad(k, "\"NOT_A_VALUE\"", NODES.textNode("NOT_A_VALUE")));
        out.add(new Bad(k, "\"\" (empty)", NODES.textNode("")));
        out.add(new Bad(k, "\"0\" (an ordinal)", NODES.textNode("0")));
        out.add(new Bad(k, "0 (an ordinal, number)", NODES.numberNode(0)));
        out.add(new Bad(k, "NUL byte", NODES.textNode(valid + "\u0000")));
    }

    private static void texts(JsonNode schema, String valid, List<Bad> out) {
        String k = "text";
        List<String[]> values = new ArrayList<>();
        values.add(new String[] { "empty", "" });
        values.add(new String[] { "blank", "   " });
        values.add(new String[] { "NUL byte alone", "\u0000" });
        values.add(new String[] { "NUL byte appended", valid + "\u0000" });
        values.add(new String[] { "NUL byte inside", "a\u0000b" });
        values.add(new String[] { "C0 control characters", "\u0001\u0002\u001b[31m" });
        values.add(new String[] { "tab, newline and carriage return", "a\tb\nc\rd" });
        values.add(new String[] { "DEL and C1 controls", "\u007f\u0085\u009f" });
        values.add(new String[] { "line and paragraph separators", "a\u2028b\u2029c" });
        values.add(new String[] { "unpaired high surrogate", "\ud800" });
        values.add(new String[] { "unpaired low surrogate inside", "x\udfffy" });
        values.add(new String[] { "reversed surrogate pair", "\udc00\ud800" });
        values.add(new String[] { "emoji (a valid pair)", "🙂" });
        values.add(new String[] { "right-to-left override", "\u202eabc" });
        values.add(new String[] { "zero-width space", "\u200b" });
        values.add(new String[] { "combining accent", "e\u0301" });
        values.add(new String[] { "Arabic-Indic digits", "١٢٣" });
        values.add(new String[] { "100,000 characters", "x".repeat(100_000) });
        values.add(new String[] { "SQL quote", "' OR '1'='1" });
        values.add(new String[] { "LIKE wildcards and backslash", "%_\\" });
        values.add(new String[] { "log4j lookup", "${jndi:ldap://example.invalid/a}" });
        values.add(new String[] { "padded", "  " + valid + "  " });
        values.add(new String[] { "trailing newline", valid + "\n" });
        String lower = valid.toLowerCase(Locale.ROOT);
        if (!lower.equals(valid)) {
            values.add(new String[] { "lower case", lower });
        }
        if (valid.chars().anyMatch(Character::isDigit)) {
            values.add(new String[] { "digits as Arabic-Indic", digits(valid, ARABIC_INDIC) });
            values.add(new String[] { "digits as fullwidth", digits(valid, FULLWIDTH) });
        }
        if (!valid.isEmpty()) {
            values.add(new String[] { "first character dropped", valid.substring(1) });
            values.add(new String[] { "one character added", valid + "X" });
            values.add(new String[] { "Cyrillic look-alike", lookAlike(valid) });
        }
        if (schema.has("maxLength")) {
            int max = schema.path("maxLength").asInt();
            values.add(new String[] { "maxLength (" + max + ")", "a".repeat(max) });
            values.add(new String[] { "maxLength + 1 (" + (max + 1) + ")", "a".repeat(max + 1) });
            values.add(new String[] { "maxLength emoji (" + max + " code points)", "🙂".repeat(max) });
        }
        for (String[] v : values) {
            out.add(new Bad(k, v[0], NODES.textNode(v[1])));
        }
    }

    private static void arrays(JsonNode schema, JsonNode valid, List<Bad> out) {
        String k = "array";
        JsonNode first = valid.size() > 0 ? valid.get(0) : NODES.textNode("x");
        out.add(new Bad(k, "[] (empty)", NODES.arrayNode()));
        ArrayNode twice = NODES.arrayNode().add(first.deepCopy()).add(first.deepCopy());
        out.add(new Bad(k, "the first item twice", twice));
        out.add(new Bad(k, "[null]", NODES.arrayNode().addNull()));
        out.add(new Bad(k, "[[item]] (nested)", NODES.arrayNode().add(NODES.arrayNode().add(first.deepCopy()))));
        out.add(new Bad(k, "[{}]", NODES.arrayNode().add(NODES.objectNode())));
        int max = schema.path("maxItems").asInt(100);
        ArrayNode many = NODES.arrayNode();
        for (int i = 0; i <= max; i++) {
            many.add(first.deepCopy());
        }
        out.add(new Bad(k, (max + 1) + " items", many));
        ArrayNode huge = NODES.arrayNode();
        for (int i = 0; i < 10_000; i++) {
            huge.add(first.deepCopy());
        }
        out.add(new Bad(k, "10,000 items", huge));
    }

    static String digits(String s, String zeroToNine) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? zeroToNine.charAt(c - '0') : c);
        }
        return out.toString();
    }

    private static String lookAlike(String s) {
        String latin = "AEKMHOPCTXaeopcx";
        String cyrillic = "АЕКМНОРСТХаеорсх";
        StringBuilder out = new StringBuilder(s);
        for (int i = 0; i < out.length(); i++) {
            int at = latin.indexOf(out.charAt(i));
            if (at >= 0) {
                out.setCharAt(i, cyrillic.charAt(at));
                return out.toString();
            }
        }
        return "А" + s;
    }

    // ---------------------------------------------------------------- random values

    private static final String[] POOLS = {
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "0123456780",
            " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
            " \t\n\r",
            "\u0000\u0001\u0002\u0007\u0008\u000b\u000c\u001b\u001f",
            "\u007f\u0080\u0085\u009f\u00a0",
            "éüßøÅÑç£€",
            ARABIC_INDIC + "۰۱۲" + FULLWIDTH,
            "\u200b\u200e\u202e\u2028\u2029\ufeff\ufffd\uffff",
            "中文字符한국어",
            "\ud800\udbff\udc00\udfff",
    };

    /** Random text from mixed pools: letters, digits, punctuation, controls (NUL too), other scripts, surrogates. */
    static String randomText(Random random) {
        int[] lengths = { 0, 1, 2, 3, 5, 8, 13, 40, 200, 1000, 5000 };
        int length = lengths[random.nextInt(lengths.length)];
        int pools = 1 + random.nextInt(3);
        StringBuilder alphabet = new StringBuilder();
        for (int i = 0; i < pools; i++) {
            alphabet.append(POOLS[random.nextInt(POOLS.length)]);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (random.nextInt(40) == 0) {
                out.append("🙂");
            } else {
                out.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return out.toString();
    }

    /** A random number: any sign, scale and magnitude up to 1e310, or a bound-like special. */
    static JsonNode randomNumber(Random random) {
        if (random.nextInt(4) == 0) {
            String[] special = { "0", "-0.0", "1", "-1", "2147483649", "9223372036854775808", "1E+308", "4.9E-324",
                    "0.0001", "-0.001", "1E+400" };
            return number(special[random.nextInt(special.length)]);
        }
        StringBuilder digits = new StringBuilder();
        int count = 1 + random.nextInt(random.nextBoolean() ? 6 : 40);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        BigDecimal value = new BigDecimal(new BigInteger(digits.toString()), random.nextInt(12) - 2);
        if (random.nextInt(3) == 0) {
            value = value.negate();
        }
        return value.scale() <= 0 ? NODES.numberNode(value.toBigInteger()) : NODES.numberNode(value);
    }

    /** A random date-like text: impossible days and months, odd separators, signs, other digits. */
    static String randomDate(Random random) {
        String[] years = { "2024", "2023", "0000", "1899", "9999", "10000", "-001", "24", "٢٠٢٤", "2O24" };
        String y = years[random.nextInt(years.length)];
        int m = random.nextInt(15) - 1;
        int d = random.nextInt(34) - 1;
        String[] separators = { "-", "-", "-", "/", "", ".", " ", "‐" };
        String sep = separators[random.nextInt(separators.length)];
        String month = random.nextBoolean() ? String.format("%02d", m) : Integer.toString(m);
        String day = random.nextBoolean() ? String.format("%02d", d) : Integer.toString(d);
        String date = y + sep + month + sep + day;
        return switch (random.nextInt(6)) {
            case 0 -> " " + date;
            case 1 -> date + "T00:00:00Z";
            default -> date;
        };
    }

    /** A random JSON value of any type, nested at most two deep. */
    static JsonNode randomJson(Random random, int depth) {
        switch (random.nextInt(depth > 1 ? 5 : 7)) {
            case 0 -> {
                return NODES.textNode(randomText(random));
            }
            case 1 -> {
                return randomNumber(random);
            }
            case 2 -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            case 3 -> {
                return NODES.nullNode();
            }
            case 4 -> {
                return NODES.textNode(randomDate(random));
            }
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomJson(random, depth + 1));
                }
                return array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(randomText(random), randomJson(random, depth + 1));
                }
                return object;
            }
        }
    }

    /** Non-printable characters as \\uXXXX, cut to 60 characters with the full length said. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < s.length() && shown < 60; i++, shown++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f && c < 0xa0 || Character.isSurrogate(c) || c == 0x2028 || c == 0x2029
                    || c == 0x202e || c == 0x200b || c == 0xfeff) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (s.length() > 60) {
            out.append("… (").append(s.length()).append(" chars)");
        }
        return out.toString();
    }
}
