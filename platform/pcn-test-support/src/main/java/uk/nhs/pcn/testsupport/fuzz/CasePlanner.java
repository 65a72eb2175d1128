package uk.nhs.pcn.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Plans the requests of a run: for each operation, every systematic mutation once (each field wrong-typed and given
 * each bad value, each required field left out, unknown fields, malformed bodies, wrong content types, bad path and
 * query values, broken files and forms, and every kind of wrong token), then as many random ones as the run needs,
 * all drawn from one seeded {@link Random} so that a seed always plans the same requests.
 *
 * <p>Whether a request must be refused is decided from the request as sent, not from the intent of the mutation:
 * a JSON body is parsed and checked against the document's schema (see {@link Schemas}); a wrong token, a
 * Content-Type the operation does not take, or a path or query value that cannot name what the seed names makes it
 * one that must be refused too.
 */
final class CasePlanner {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String JSON = ApiOperation.JSON;

    /** Writes every non-ASCII character as \\uXXXX, so unpaired surrogates reach the service as JSON escapes. */
    private static final ObjectMapper WRITER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    /** Reads a body as a service's Jackson would, numbers exactly. */
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static final List<String[]> CONTENT_TYPES = List.of(
            new String[] { "no Content-Type", null },
            new String[] { "text/plain", "text/plain" },
            new String[] { "application/xml", "application/xml" },
            new String[] { "application/x-www-form-urlencoded", "application/x-www-form-urlencoded" },
            new String[] { "multipart/form-data", "multipart/form-data; boundary=" + Target.BOUNDARY },
            new String[] { "application/octet-stream", "application/octet-stream" },
            new String[] { "text/csv", "text/csv" },
            new String[] { "application/problem+json", "application/problem+json" },
            new String[] { "not a media type", "not a media type" },
            new String[] { "application/json; charset=utf-8", "application/json; charset=utf-8" },
            new String[] { "APPLICATION/JSON", "APPLICATION/JSON" },
            new String[] { "application/json; charset=iso-8859-1", "application/json; charset=iso-8859-1" });

    private final Schemas schemas;
    private final FuzzTokens tokens;
    private final Random random;

    CasePlanner(Schemas schemas, FuzzTokens tokens, Random random) {
        this.schemas = schemas;
        this.tokens = tokens;
        this.random = random;
    }

    // ================================================================= systematic

    List<FuzzCase> systematic(Target t) {
        List<FuzzCase> cases = new ArrayList<>();
        if (t.operation.takesJson()) {
            jsonFields(t, cases);
            jsonStructure(t, cases);
            malformed(t, cases);
        }
        if (t.operation.takesBody()) {
            contentTypes(t, cases);
        }
        for (String type : t.fileTypes()) {
            files(t, type, cases);
        }
        for (ApiOperation.Parameter p : t.operation.pathParameters()) {
            for (Raw raw : pathValues(t.path.get(p.name()))) {
                Draft d = new Draft(t, "path parameter", p.name() + " = " + raw.label);
                d.path.put(p.name(), raw.encoded);
                d.refuse = raw.refuse;
                d.field = p.name();
                cases.add(d.build());
            }
        }
        for (Map.Entry<String, String> q : t.query.entrySet()) {
            for (Raw raw : queryValues(q.getValue())) {
                Draft d = new Draft(t, "query parameter", q.getKey() + " = " + raw.label);
                d.query.put(q.getKey(), raw.encoded);
                d.refuse = raw.refuse;
                d.field = q.getKey();
                cases.add(d.build());
            }
        }
        tokenCases(t, cases);
        return cases;
    }

    private void jsonFields(Target t, List<FuzzCase> cases) {
        for (String field : t.fields) {
            JsonNode fieldSchema = t.fieldSchema(field, schemas);
            JsonNode valid = get(t.body, field);
            if (valid == null || valid.isMissingNode()) {
                valid = schemas.valid(fieldSchema, field, random);
            }
            for (BadValues.Bad bad : BadValues.forField(fieldSchema, valid)) {
                Draft d = new Draft(t, bad.kind(), field + " = " + bad.label());
                set(d.json, field, bad.value());
                d.field = field;
                cases.add(d.build());
            }
            if (t.required(field, schemas)) {
                Draft d = new Draft(t, "missing field", field + " left out");
                remove(d.json, field);
                d.field = field;
                cases.add(d.build());
            }
            if (fieldSchema.path("type").asText().equals("object")) {
                Draft d = new Draft(t, "extra field", field + ".unexpectedField added");
                set(d.json, field + ".unexpectedField", NODES.textNode("x"));
                d.field = field + ".unexpectedField";
                cases.add(d.build());
            }
        }
    }

    private void jsonStructure(Target t, List<FuzzCase> cases) {
        Map<String, JsonNode> extras = new LinkedHashMap<>();
        extras.put("unexpectedField", NODES.textNode("x"));
        extras.put("@class", NODES.textNode("java.lang.Runtime"));
        extras.put("__proto__", NODES.objectNode().put("admin", true));
        extras.put("id", NODES.numberNode(1));
        extras.put("", NODES.textNode("empty name"));
        extras.put("a\u0000b", NODES.textNode("NUL in the name"));
        if (t.body.size() > 0) {
            String first = t.body.fieldNames().next();
            extras.put(first.substring(0, 1).toUpperCase(Locale.ROOT) + first.substring(1), t.body.get(first));
            extras.put(first.toLowerCase(Locale.ROOT) + "_", t.body.get(first));
        }
        for (Map.Entry<String, JsonNode> extra : extras.entrySet()) {
            Draft d = new Draft(t, "extra field", "\"" + BadValues.escape(extra.getKey()) + "\" added");
            d.json.set(extra.getKey(), extra.getValue().deepCopy());
            d.field = extra.getKey().isEmpty() || extra.getKey().contains("\u0000") ? null : extra.getKey();
            cases.add(d.build());
        }
        Draft empty = new Draft(t, "missing field", "every field left out ({})");
        empty.json.removeAll();
        cases.add(empty.build());
    }

    private void malformed(Target t, List<FuzzCase> cases) {
        String firstField = t.body.size() > 0 ? t.body.fieldNames().next() : "x";
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        Map<String, java.util.function.UnaryOperator<String>> texts = new LinkedHashMap<>();
        Map<String, java.util.function.Function<String, byte[]>> bodies = new LinkedHashMap<>();
        bodies.put("empty body", v -> new byte[0]);
        texts.put("JSON null", v -> "null");
        texts.put("JSON array", v -> "[" + v + "]");
        texts.put("JSON string", v -> "\"text\"");
        texts.put("JSON number", v -> "12");
        texts.put("JSON true", v -> "true");
        texts.put("lone {", v -> "{");
        texts.put("cut in half", v -> v.substring(0, v.length() / 2));
        texts.put("extra }", v -> v + "}");
        texts.put("trailing garbage", v -> v + " x");
        texts.put("two objects", v -> v + v);
        texts.put("single quotes", v -> v.replace('"', '\''));
        texts.put("unquoted names", v -> v.replaceAll("\"(\\w+)\":", "$1:"));
        texts.put("trailing comma", v -> v.substring(0, v.length() - 1) + ",}");
        texts.put("comment", v -> "/* note */" + v);
        texts.put("NaN", v -> "{\"" + firstField + "\":NaN}");
        texts.put("5,000 nested arrays", v -> "[".repeat(5000) + "]".repeat(5000));
        texts.put("2,000 nested objects", v -> "{\"a\":".repeat(2000) + "1" + "}".repeat(2000));
        texts.forEach((label, text) -> bodies.put(label, v -> bytes(text.apply(v))));
        bodies.put("invalid UTF-8 in a string", v -> splice(v, new byte[] { (byte) 0xC3, (byte) 0x28 }));
        bodies.put("overlong UTF-8 in a string", v -> splice(v, new byte[] { (byte) 0xC0, (byte) 0xAF }));
        bodies.put("UTF-8 encoded surrogate in a string", v -> splice(v,
                new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }));
        bodies.put("raw NUL byte in a string", v -> splice(v, new byte[] { 0 }));
        bodies.put("raw control character in a string", v -> splice(v, new byte[] { 1 }));
        // Odd but readable: only held to "no 5xx".
        bodies.put("byte-order mark", v -> concat(bom, bytes(v)));
        bodies.put("UTF-16", v -> ("\uFEFF" + v).getBytes(StandardCharsets.UTF_16BE));
        bodies.put("duplicate field", v -> bytes("{\"" + firstField + "\":" + write(t.body.get(firstField)) + ","
                + v.substring(1)));
        bodies.put("100,000 spaces", v -> bytes(" ".repeat(100_000) + v));
        for (Map.Entry<String, java.util.function.Function<String, byte[]>> body : bodies.entrySet()) {
            if (body.getKey().contains("in a string") && !write(t.body).contains(":\"")) {
                continue; // no string to put the bytes in: it would only repeat "trailing garbage"
            }
            Draft d = new Draft(t, "malformed body", body.getKey());
            d.body = body.getValue().apply(write(d.json));
            d.json = null;
            cases.add(d.build());
        }
    }

    private void contentTypes(Target t, List<FuzzCase> cases) {
        for (String[] type : CONTENT_TYPES) {
            if (type[1] != null && t.operation.bodies().containsKey(type[1])) {
                continue; // one the operation takes: not a mutation
            }
            Draft d = new Draft(t, "content type", type[0]);
            d.contentType = type[1];
            cases.add(d.build());
        }
    }

    private void files(Target t, String type, List<FuzzCase> cases) {
        byte[] sample = t.samples.get(type);
        boolean multipart = type.equals("multipart/form-data");
        boolean workbook = type.contains("spreadsheet") || type.contains("excel");
        List<FileBody> bodies = new ArrayList<>();
        bodies.add(new FileBody("empty", new byte[0], true));
        bodies.add(new FileBody("2 KB of random bytes", randomBytes(2048), true));
        if (workbook) {
            bodies.add(new FileBody("PK header then garbage", concat(new byte[] { 'P', 'K', 3, 4 },
                    randomBytes(512)), true));
            bodies.add(new FileBody("a zip without a workbook", zip(), true));
            bodies.add(new FileBody("CSV text sent as a workbook", bytes("PCN Code,PCN Name\nU00001,X\n"), true));
            if (sample != null) {
                bodies.add(new FileBody("workbook cut in half", Arrays.copyOf(sample, sample.length / 2), true));
            }
        } else if (!multipart && sample != null) {
            String text = new String(sample, StandardCharsets.UTF_8);
            int secondLine = text.indexOf('\n') + 1;
            bodies.add(new FileBody("NUL byte in the first data row", insert(sample, secondLine + 1,
                    new byte[] { 0 }), true));
            bodies.add(new FileBody("NUL byte in the header", insert(sample, 1, new byte[] { 0 }), true));
            bodies.add(new FileBody("invalid UTF-8 in the first cell", insert(sample, secondLine + 1,
                    new byte[] { (byte) 0xC3, (byte) 0x28 }), true));
            bodies.add(new FileBody("random bytes after the header", concat(Arrays.copyOf(sample, secondLine),
                    randomBytes(512)), true));
            bodies.add(new FileBody("header row only", Arrays.copyOf(sample, secondLine), false));
            bodies.add(new FileBody("CRLF line ends", bytes(text.replace("\n", "\r\n")), false));
            bodies.add(new FileBody("byte-order mark", concat(new byte[] { (byte) 0xEF, (byte) 0xBB,
                    (byte) 0xBF }, sample), false));
            bodies.add(new FileBody("control characters in a cell", insert(sample, secondLine + 2,
                    new byte[] { 1, 27, 127 }), false));
            bodies.add(new FileBody("cut mid-row", Arrays.copyOf(sample, Math.max(secondLine + 3,
                    sample.length - 4)), false));
            bodies.add(new FileBody("invalid UTF-8 in a later cell", insert(sample, sample.length - 2,
                    new byte[] { (byte) 0xC3, (byte) 0x28 }), false));
        }
        for (FileBody body : bodies) {
            Draft d = new Draft(t, "file", type + ": " + body.label);
            d.contentType = Target.header(type);
            d.bodyMedia = type;
            d.body = body.content;
            d.refuse = body.refuse;
            cases.add(d.build());
        }
        if (multipart) {
            multipart(t, cases);
        }
    }

    private void multipart(Target t, List<FuzzCase> cases) {
        List<OperationSeed.FormPart> parts = t.form;
        byte[] sample = Target.multipart(parts, Target.BOUNDARY);
        String header = Target.header("multipart/form-data");
        List<Object[]> forms = new ArrayList<>();
        forms.add(new Object[] { "no boundary in the Content-Type", "multipart/form-data", sample, true });
        forms.add(new Object[] { "another boundary in the Content-Type", "multipart/form-data; boundary=other",
                sample, true });
        forms.add(new Object[] { "closing boundary missing", header, Arrays.copyOf(sample,
                sample.length - ("--" + Target.BOUNDARY + "--\r\n").length()), true });
        forms.add(new Object[] { "only the opening boundary", header, bytes("--" + Target.BOUNDARY + "\r\n"), true });
        forms.add(new Object[] { "headers of a part cut off", header, bytes("--" + Target.BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\""), true });
        forms.add(new Object[] { "a part without Content-Disposition", header, bytes("--" + Target.BOUNDARY
                + "\r\nContent-Type: text/csv\r\n\r\na,b\r\n--" + Target.BOUNDARY + "--\r\n"), true });
        for (int i = 0; i < parts.size(); i++) {
            OperationSeed.FormPart part = parts.get(i);
            List<OperationSeed.FormPart> renamed = new ArrayList<>(parts);
            renamed.set(i, new OperationSeed.FormPart("unexpected", part.fileName(), part.contentType(),
                    part.content()));
            forms.add(new Object[] { "part '" + part.name() + "' renamed", header,
                    Target.multipart(renamed, Target.BOUNDARY), true });
            List<OperationSeed.FormPart> without = new ArrayList<>(parts);
            without.remove(i);
            forms.add(new Object[] { "part '" + part.name() + "' left out", header,
                    Target.multipart(without, Target.BOUNDARY), true });
            for (Object[] content : new Object[][] { { "empty", new byte[0] },
                    { "a NUL byte in it", insert(part.content(), Math.min(part.content().length,
                            new String(part.content(), StandardCharsets.UTF_8).indexOf('\n') + 2), new byte[] { 0 }) },
                    { "random bytes", randomBytes(1024) } }) {
                List<OperationSeed.FormPart> changed = new ArrayList<>(parts);
                changed.set(i, new OperationSeed.FormPart(part.name(), part.fileName(), part.contentType(),
                        (byte[]) content[1]));
                forms.add(new Object[] { "part '" + part.name() + "' " + content[0], header,
                        Target.multipart(changed, Target.BOUNDARY), true });
            }
            List<OperationSeed.FormPart> oddName = new ArrayList<>(parts);
            oddName.set(i, new OperationSeed.FormPart(part.name(), "ü \"quoted\" ../../etc/passwd",
                    part.contentType(), part.content()));
            forms.add(new Object[] { "part '" + part.name() + "' with an odd file name", header,
                    Target.multipart(oddName, Target.BOUNDARY), false });
        }
        List<OperationSeed.FormPart> extra = new ArrayList<>(parts);
        extra.add(new OperationSeed.FormPart("unexpected", "x.txt", "text/plain", bytes("x")));
        forms.add(new Object[] { "an extra part", header, Target.multipart(extra, Target.BOUNDARY), false });
        for (Object[] form : forms) {
            Draft d = new Draft(t, "form", (String) form[0]);
            d.contentType = (String) form[1];
            d.bodyMedia = "multipart/form-data";
            d.body = (byte[]) form[2];
            d.refuse = (Boolean) form[3];
            cases.add(d.build());
        }
    }

    private void tokenCases(Target t, List<FuzzCase> cases) {
        String role = t.roles.get(0);
        for (FuzzTokens.Variant v : tokens.unauthenticated(role)) {
            cases.add(tokenCase(t, v, false));
        }
        for (FuzzTokens.Variant v : tokens.forbidden(t.roles)) {
            cases.add(tokenCase(t, v, false));
            if (t.operation.takesJson()) {
                cases.add(tokenCase(t, v, true));
                cases.add(tokenCase(t, v, true));
            }
        }
    }

    private FuzzCase tokenCase(Target t, FuzzTokens.Variant v, boolean badBody) {
        Draft d = new Draft(t, "token", v.name());
        d.authorization = v.authorization();
        d.expected = v.expected();
        d.refuse = true;
        if (badBody && !t.fields.isEmpty()) {
            String field = t.fields.get(random.nextInt(t.fields.size()));
            JsonNode fieldSchema = t.fieldSchema(field, schemas);
            JsonNode valid = get(t.body, field);
            List<BadValues.Bad> bad = BadValues.forField(fieldSchema, valid == null ? NODES.textNode("x") : valid);
            BadValues.Bad pick = bad.get(random.nextInt(bad.size()));
            set(d.json, field, pick.value());
            d.mutation = v.name() + ", and " + field + " = " + pick.label();
        }
        return d.build();
    }

    // ================================================================= path and query values

    /** A raw (percent-encoded) path or query value, and whether it cannot name what the seed names. */
    record Raw(String label, String encoded, boolean refuse) {
    }

    private record FileBody(String label, byte[] content, boolean refuse) {
    }

    static List<Raw> pathValues(String seed) {
        List<Raw> out = new ArrayList<>();
        String s = encode(seed);
        for (String[] v : new String[][] { { "blank (%20)", "%20" }, { "three spaces", "%20%20%20" },
                { "empty", "" }, { "NUL (%00)", "%00" }, { "NUL appended", s + "%00" }, { "tab", "%09" },
                { "newline", "%0A" }, { ".", "." }, { "..", ".." }, { "%2E%2E", "%2E%2E" },
                { "encoded slash", "%2F" }, { "encoded slash inside", s + "%2F" + s }, { "%25", "%25" },
                { "unpaired surrogate (%ED%A0%80)", "%ED%A0%80" }, { "invalid UTF-8 (%C3%28)", "%C3%28" },
                { "byte FF", "%FF" }, { "300 characters", s.repeat(300 / Math.max(1, s.length()) + 1) },
                { "5,000 characters", "A".repeat(5000) }, { "null", "null" }, { "undefined", "undefined" },
                { "-1", "-1" }, { "0", "0" }, { "one character added", s + "X" },
                { "prefixed", "X" + s }, { "*", "*" }, { "quote", "%27" + s },
                { "right-to-left override", "%E2%80%AE" + s }, { "emoji", "%F0%9F%99%82" } }) {
            out.add(new Raw(v[0], v[1], true));
        }
        if (seed.length() > 1) {
            out.add(new Raw("first character dropped", encode(seed.substring(1)), true));
        }
        if (seed.chars().anyMatch(c -> c >= '0' && c <= '9')) {
            out.add(new Raw("digits as Arabic-Indic", encode(BadValues.digits(seed, BadValues.ARABIC_INDIC)), true));
            out.add(new Raw("digits as fullwidth", encode(BadValues.digits(seed, BadValues.FULLWIDTH)), true));
        }
        if (seed.chars().anyMatch(Character::isLetter)) {
            out.add(new Raw("Cyrillic look-alike", encode(seed.replace('A', 'А').replace('E', 'Е')
                    .replace('U', 'Ս').replace('a', 'а').replace('e', 'е')), !seed.matches("[^AEUae]*")));
        }
        // Normalised by the services (trimmed, upper-cased): only held to "no 5xx".
        if (!seed.toLowerCase(Locale.ROOT).equals(seed)) {
            out.add(new Raw("lower case", encode(seed.toLowerCase(Locale.ROOT)), false));
        }
        if (!seed.toUpperCase(Locale.ROOT).equals(seed)) {
            out.add(new Raw("upper case", encode(seed.toUpperCase(Locale.ROOT)), false));
        }
        out.add(new Raw("leading space", "%20" + s, false));
        out.add(new Raw("trailing space", s + "%20", false));
        if (seed.matches("[0-9]{4}-[0-9]{2}")) {
            for (String m : List.of("0000-01", "-2024-01", "+12024-01", "2024-13", "2024-00", "2024-1", "202401",
                    "2024-01-01", "24-01", "2024%2F01", "٢٠٢٤-٠١")) {
                out.add(new Raw("month " + m, encode(m).replace("%252F", "%2F"), true));
            }
            for (String m : List.of("9999-12", "1900-01", "2100-01")) {
                out.add(new Raw("month " + m, m, false));
            }
        }
        if (seed.matches("[0-9]+")) {
            for (String n : List.of("99999999999999999999", "1.5", "1e3", "0x1", "-" + seed)) {
                out.add(new Raw("number " + n, encode(n), true));
            }
            out.add(new Raw("leading zero", "0" + s, false));
            out.add(new Raw("plus sign", "%2B" + s, false));
        }
        if (seed.matches("[0-9a-fA-F-]{36}")) {
            out.add(new Raw("another UUID", UUID.nameUUIDFromBytes(bytes(seed)).toString(), true));
            out.add(new Raw("nil UUID", "00000000-0000-0000-0000-000000000000", true));
            out.add(new Raw("UUID without hyphens", seed.replace("-", ""), true));
            out.add(new Raw("UUID with a digit added", seed + "0", true));
            out.add(new Raw("UUID in braces", "%7B" + seed + "%7D", true));
            out.add(new Raw("short UUID form", "1-1-1-1-1", true));
        }
        return out;
    }

    static List<Raw> queryValues(String seed) {
        List<Raw> out = new ArrayList<>();
        String s = encode(seed);
        boolean typed = Schemas.isDate(seed) || isBoolean(seed);
        out.add(new Raw("NUL (%00)", "%00", true));
        out.add(new Raw("NUL appended", s + "%00", true));
        out.add(new Raw("unpaired surrogate (%ED%A0%80)", "%ED%A0%80", true));
        out.add(new Raw("invalid UTF-8 (%C3%28)", "%C3%28", typed));
        out.add(new Raw("10,000 characters", "a".repeat(10_000), typed));
        out.add(new Raw("Arabic-Indic digits", encode(BadValues.digits(seed, BadValues.ARABIC_INDIC)),
                typed && seed.chars().anyMatch(c -> c >= '0' && c <= '9')));
        out.add(new Raw("control characters", "%01%1B", typed));
        if (Schemas.isDate(seed)) {
            for (String d : BadValues.BAD_DATES) {
                if (!d.isBlank()) {
                    out.add(new Raw("date \"" + BadValues.escape(d) + "\"", encode(d), true));
                }
            }
        }
        if (isBoolean(seed)) {
            for (String b : List.of("maybe", "1", "0", "yes", "tru", "t", "true,false")) {
                out.add(new Raw("\"" + b + "\"", encode(b), true));
            }
            out.add(new Raw("upper case", seed.toUpperCase(Locale.ROOT), false));
        }
        return out;
    }

    private static boolean isBoolean(String seed) {
        return seed.equals("true") || seed.equals("false");
    }

    /** Percent-encodes UTF-8, every byte but unreserved characters; an unpaired surrogate as its 3 raw bytes. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            byte[] utf8;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                i++;
            } else if (Character.isSurrogate(c)) {
                utf8 = new byte[] { (byte) (0xE0 | c >> 12), (byte) (0x80 | c >> 6 & 0x3F), (byte) (0x80 | c & 0x3F) };
            } else {
                utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            }
            for (byte b : utf8) {
                int u = b & 0xFF;
                if (u < 0x80 && (Character.isLetterOrDigit(u) || "-._~".indexOf(u) >= 0)) {
                    out.append((char) u);
                } else {
                    out.append('%').append(String.format("%02X", u));
                }
            }
        }
        return out.toString();
    }

    // ================================================================= random

    FuzzCase random(Target t) {
        int r = random.nextInt(100);
        boolean hasPath = !t.operation.pathParameters().isEmpty();
        boolean hasQuery = !t.query.isEmpty();
        if (t.operation.takesJson()) {
            if (r < 45) {
                return randomFields(t);
            } else if (r < 53) {
                return randomStructure(t);
            } else if (r < 63) {
                return randomBytes(t);
            } else if (r < 73 && hasPath) {
                return randomPath(t);
            } else if (r < 87) {
                return randomToken(t);
            } else if (r < 93) {
                return randomContentType(t);
            }
            return hasQuery ? randomQuery(t) : randomFields(t);
        }
        if (t.operation.takesBody()) {
            if (r < 50) {
                return randomFile(t);
            } else if (r < 70) {
                return hasQuery ? randomQuery(t) : randomFile(t);
            } else if (r < 90) {
                return randomToken(t);
            }
            return randomContentType(t);
        }
        if (r < 60 && hasPath) {
            return randomPath(t);
        } else if (r < 70 && hasQuery) {
            return randomQuery(t);
        }
        return randomToken(t);
    }

    private FuzzCase randomFields(Target t) {
        if (t.fields.isEmpty()) {
            return randomStructure(t);
        }
        Draft d = new Draft(t, "random", null);
        int count = Math.min(t.fields.size(), 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0));
        List<String> labels = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String field = t.fields.get(random.nextInt(t.fields.size()));
            if (chosen.contains(field)) {
                continue;
            }
            chosen.add(field);
            String[] generator = new String[1];
            JsonNode value = randomValue(t, field, generator);
            set(d.json, field, value);
            labels.add(field + " = random " + generator[0]);
            values.add(BadValues.escape(value.isTextual() ? "\"" + value.asText() + "\"" : value.toString()));
            d.field = count == 1 ? field : null;
        }
        d.mutation = String.join(", ", labels);
        d.value = String.join(", ", values);
        return d.build();
    }

    private JsonNode randomValue(Target t, String field, String[] generator) {
        JsonNode fieldSchema = t.fieldSchema(field, schemas);
        int r = random.nextInt(10);
        if (r < 4) {
            generator[0] = "of its kind";
            String format = fieldSchema.path("format").asText("");
            String type = fieldSchema.path("type").asText("string");
            if (format.equals("date")) {
                return NODES.textNode(BadValues.randomDate(random));
            }
            if (fieldSchema.has("enum")) {
                String v = fieldSchema.path("enum").get(random.nextInt(fieldSchema.path("enum").size())).asText();
                return NODES.textNode(random.nextBoolean() ? v.toLowerCase(Locale.ROOT) : v + BadValues.randomText(random));
            }
            return switch (type) {
                case "integer", "number" -> BadValues.randomNumber(random);
                case "array" -> {
                    ArrayNode array = NODES.arrayNode();
                    for (int i = random.nextInt(5); i > 0; i--) {
                        array.add(random.nextBoolean() ? NODES.textNode(BadValues.randomText(random))
                                : BadValues.randomJson(random, 1));
                    }
                    yield array;
                }
                case "boolean" -> BadValues.randomJson(random, 2);
                default -> NODES.textNode(BadValues.randomText(random));
            };
        } else if (r < 7) {
            generator[0] = "text";
            return NODES.textNode(BadValues.randomText(random));
        } else if (r < 9) {
            generator[0] = "JSON";
            return BadValues.randomJson(random, 0);
        }
        generator[0] = "from the catalogue";
        JsonNode valid = get(t.body, field);
        List<BadValues.Bad> bad = BadValues.forField(fieldSchema, valid == null ? NODES.textNode("x") : valid);
        return bad.get(random.nextInt(bad.size())).value();
    }

    private FuzzCase randomStructure(Target t) {
        Draft d = new Draft(t, "random", null);
        if (random.nextBoolean() && !t.fields.isEmpty()) {
            String field = t.fields.get(random.nextInt(t.fields.size()));
            remove(d.json, field);
            d.mutation = field + " left out (random)";
            d.field = field;
        } else {
            String name = BadValues.randomText(random);
            JsonNode value = BadValues.randomJson(random, 1);
            d.json.set(name, value);
            d.mutation = "random field added";
            d.value = "\"" + BadValues.escape(name) + "\": " + BadValues.escape(value.toString());
        }
        return d.build();
    }

    private FuzzCase randomBytes(Target t) {
        Draft d = new Draft(t, "random", "random edits of the JSON text");
        byte[] body = write(d.json).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int edits = 1 + random.nextInt(3);
        out.writeBytes(body);
        byte[] edited = out.toByteArray();
        for (int i = 0; i < edits && edited.length > 0; i++) {
            int at = random.nextInt(edited.length);
            switch (random.nextInt(4)) {
                case 0 -> edited = concat(Arrays.copyOf(edited, at), Arrays.copyOfRange(edited, at + 1, edited.length));
                case 1 -> edited = insert(edited, at, new byte[] { (byte) random.nextInt(256) });
                case 2 -> edited[at] = (byte) random.nextInt(256);
                default -> edited = Arrays.copyOf(edited, at);
            }
        }
        d.json = null;
        d.body = edited;
        d.value = BadValues.escape(new String(edited, StandardCharsets.UTF_8));
        return d.build();
    }

    private FuzzCase randomPath(Target t) {
        List<ApiOperation.Parameter> params = t.operation.pathParameters();
        ApiOperation.Parameter p = params.get(random.nextInt(params.size()));
        String seed = t.path.get(p.name());
        Draft d = new Draft(t, "random", p.name() + " = random path value");
        d.field = p.name();
        if (random.nextBoolean()) {
            List<Raw> catalogue = pathValues(seed);
            Raw raw = catalogue.get(random.nextInt(catalogue.size()));
            d.path.put(p.name(), raw.encoded);
            d.refuse = raw.refuse;
            d.mutation = p.name() + " = " + raw.label;
        } else {
            String text = BadValues.randomText(random);
            d.path.put(p.name(), encode(text));
            d.refuse = !couldName(seed, text);
            d.value = BadValues.escape(text);
        }
        return d.build();
    }

    /** Could a service that trims and upper-cases the value read it as a real thing like the seed? */
    private static boolean couldName(String seed, String text) {
        String normal = text.strip();
        if (normal.equalsIgnoreCase(seed)) {
            return true;
        }
        if (seed.matches("[0-9]{4}-[0-9]{2}")) {
            return normal.matches("[0-9]{4}-(0[1-9]|1[0-2])");
        }
        if (seed.matches("[0-9]+")) {
            return normal.matches("[0-9]{1,18}");
        }
        return false;
    }

    private FuzzCase randomQuery(Target t) {
        List<String> names = new ArrayList<>(t.query.keySet());
        String name = names.get(random.nextInt(names.size()));
        Draft d = new Draft(t, "random", name + " = random query value");
        d.field = name;
        if (random.nextBoolean()) {
            List<Raw> catalogue = queryValues(t.query.get(name));
            Raw raw = catalogue.get(random.nextInt(catalogue.size()));
            d.query.put(name, raw.encoded);
            d.refuse = raw.refuse;
            d.mutation = name + " = " + raw.label;
        } else {
            String seed = t.query.get(name);
            String text = BadValues.randomText(random);
            d.query.put(name, encode(text));
            boolean typed = Schemas.isDate(seed) || isBoolean(seed);
            d.refuse = Schemas.unstorable(text) != null
                    || typed && !(Schemas.isDate(text.strip()) || isBoolean(text.strip().toLowerCase(Locale.ROOT)));
            if (typed && text.isBlank()) {
                d.query.put(name, "%00"); // a blank value would mean "the default": never a dry run turned real
                d.refuse = true;
            }
            d.value = BadValues.escape(text);
        }
        return d.build();
    }

    private FuzzCase randomToken(Target t) {
        List<FuzzTokens.Variant> variants = new ArrayList<>(tokens.unauthenticated(t.roles.get(0)));
        variants.addAll(tokens.forbidden(t.roles));
        FuzzTokens.Variant v = variants.get(random.nextInt(variants.size()));
        return tokenCase(t, v, t.operation.takesJson() && random.nextBoolean());
    }

    private FuzzCase randomContentType(Target t) {
        String[] type = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
        Draft d = new Draft(t, "random", "Content-Type " + type[0]);
        d.contentType = type[1];
        return d.build();
    }

    private FuzzCase randomFile(Target t) {
        List<String> types = t.fileTypes();
        String type = types.get(random.nextInt(types.size()));
        byte[] sample = t.samples.getOrDefault(type, new byte[0]);
        Draft d = new Draft(t, "random", type + ": random edits of the file");
        d.contentType = Target.header(type);
        d.bodyMedia = type;
        byte[] edited = sample.clone();
        boolean text = type.startsWith("text/");
        for (int i = 0, edits = 1 + random.nextInt(4); i < edits; i++) {
            int at = edited.length == 0 ? 0 : random.nextInt(edited.length);
            byte[] insert = text && random.nextBoolean()
                    ? BadValues.randomText(random).getBytes(StandardCharsets.UTF_8)
                    : randomBytes(1 + random.nextInt(8));
            edited = insert(edited, at, insert);
        }
        d.body = edited;
        // A NUL in any cell of a text file must be refused; other edits may leave a file that can be read.
        d.refuse = text && contains(edited, (byte) 0);
        d.value = edited.length + " bytes";
        return d.build();
    }

    // ================================================================= the request under construction

    /** A request being planned: the valid request, then changed by one mutation. */
    private final class Draft {
        final Target t;
        final String kind;
        String mutation;
        String value = "";
        String field;
        final Map<String, String> path = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        String contentType;
        /** The media type the body was written as: sent as another, it must be refused. */
        String bodyMedia;
        ObjectNode json;
        byte[] body;
        String authorization;
        Set<Integer> expected;
        boolean refuse;

        Draft(Target t, String kind, String mutation) {
            this.t = t;
            this.kind = kind;
            this.mutation = mutation;
            t.path.forEach((k, v) -> path.put(k, encode(v)));
            t.query.forEach((k, v) -> query.put(k, encode(v)));
            this.authorization = tokens.valid(t.roles.get(random.nextInt(t.roles.size())));
            if (t.operation.takesJson()) {
                contentType = JSON;
                bodyMedia = JSON;
                json = t.body.deepCopy();
                t.fresh.forEach((field, values) -> set(json, field, WRITER.valueToTree(values.get())));
            } else {
                for (String type : t.fileTypes()) {
                    if (t.samples.containsKey(type)) {
                        contentType = Target.header(type);
                        bodyMedia = type;
                        body = t.samples.get(type);
                        break;
                    }
                }
            }
        }

        FuzzCase build() {
            byte[] bytes = json != null ? bytes(write(json)) : body;
            boolean mustRefuse = refuse;
            if (t.operation.takesBody()) {
                String media = contentType == null ? null
                        : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
                if (media == null || !t.operation.bodies().containsKey(media)) {
                    mustRefuse = true;
                } else if (bodyMedia != null && !media.equals(bodyMedia) && bytes != null && bytes.length > 0) {
                    mustRefuse = true;
                } else if (media.equals(JSON) && !acceptable(t, bytes)) {
                    mustRefuse = true;
                }
            }
            String target = t.operation.path();
            for (Map.Entry<String, String> p : path.entrySet()) {
                target = target.replace("{" + p.getKey() + "}", p.getValue());
            }
            if (!query.isEmpty()) {
                StringBuilder q = new StringBuilder();
                query.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(encode(k)).append('=').append(v));
                target += q;
            }
            String atFault = mustRefuse && expected == null ? field : null;
            return new FuzzCase(t.operation, kind, mutation, value, atFault, target, contentType, bytes,
                    authorization, expected, mustRefuse);
        }
    }

    /** Is this body one the operation's schema allows (an absent body only when it requires nothing)? */
    private boolean acceptable(Target t, byte[] bytes) {
        JsonNode parsed;
        if (bytes == null || bytes.length == 0) {
            parsed = null;
        } else {
            try {
                parsed = READER.readTree(bytes);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        if (parsed == null || parsed.isNull() || parsed.isMissingNode()) {
            return !schemas.requiresAnything(t.schema);
        }
        return schemas.violations(t.schema, parsed).isEmpty();
    }

    // ================================================================= helpers

    static String write(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] insert(byte[] into, int at, byte[] what) {
        int where = Math.max(0, Math.min(at, into.length));
        return concat(concat(Arrays.copyOf(into, where), what), Arrays.copyOfRange(into, where, into.length));
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }

    /** The JSON text with raw bytes placed inside its first string value. */
    private static byte[] splice(String json, byte[] raw) {
        int quote = json.indexOf(":\"");
        byte[] text = bytes(json);
        return quote < 0 ? concat(text, raw) : insert(text, quote + 2, raw);
    }

    private static byte[] zip() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("hello.txt"));
                zip.write(bytes("not a workbook"));
                zip.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode get(JsonNode root, String path) {
        JsonNode current = root;
        for (String segment : path.split("\\.")) {
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            current = current.path(name);
            if (bracket >= 0) {
                current = current.path(Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1)));
            }
        }
        return current.isMissingNode() ? null : current;
    }

    static void set(ObjectNode root, String path, JsonNode value) {
        String[] segments = path.split("\\.");
        JsonNode current = root;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            boolean last = i == segments.length - 1;
            if (!(current instanceof ObjectNode object)) {
                return; // an earlier mutation replaced the parent: nothing to set
            }
            if (bracket < 0) {
                if (last) {
                    object.set(name, value);
                    return;
                }
                if (!object.path(name).isObject()) {
                    object.set(name, NODES.objectNode());
                }
                current = object.get(name);
            } else {
                int index = Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1));
                if (!object.path(name).isArray()) {
                    object.set(name, NODES.arrayNode());
                }
                ArrayNode array = (ArrayNode) object.get(name);
                while (array.size() <= index) {
                    array.addNull();
                }
                if (last) {
                    array.set(index, value);
                    return;
                }
                current = array.get(index);
            }
        }
    }

    static void remove(ObjectNode root, String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : get(root, path.substring(0, dot));
        String last = path.substring(dot + 1);
        if (parent instanceof ObjectNode object) {
            int bracket = last.indexOf('[');
            if (bracket < 0) {
                object.remove(last);
            } else if (object.path(last.substring(0, bracket)) instanceof ArrayNode array) {
                array.remove(Integer.parseInt(last.substring(bracket + 1, last.length() - 1)));
            }
        }
    }
}
