package uk.nhs.pcn.platform.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * One request made with an {@link IdempotencyKey}, reduced to what decides whether a later request is its re-send.
 *
 * <p><b>Scope.</b> A key belongs to one caller (the token's subject) and one endpoint (method and path, e.g.
 * {@code POST /api/v1/networks/U12345/staff}): two users who pick the same key, or one user using a key on two
 * endpoints, never meet, and no one can read another's stored answer. {@link #scope()} is a SHA-256 of the four
 * values, the stored answer's primary key.
 *
 * <p><b>Fingerprint.</b> Within its scope a key may only be re-sent with the same body: {@link #fingerprint()} is a
 * SHA-256 of the body as the service read it, in a canonical form (object fields in name order, numbers without
 * trailing zeros), so the order of fields, white space and {@code 1.0} vs {@code 1.00} do not matter; any other
 * difference does (the draft's "checksum of the entire request payload").
 */
public record IdempotentRequest(String caller, String method, String path, IdempotencyKey key, String fingerprint) {

    private static final ObjectMapper CANONICAL = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    public static IdempotentRequest of(String caller, String method, String path, IdempotencyKey key, Object body) {
        return new IdempotentRequest(caller, method, path, key, fingerprint(body));
    }

    /** The stored answer's key: SHA-256 (hex) of caller, method, path and key, each length-prefixed. */
    public String scope() {
        return HexFormat.of().formatHex(scopeDigest());
    }

    /** A 64-bit number for the scope, for PostgreSQL's {@code pg_try_advisory_xact_lock}. */
    public long lockId() {
        return ByteBuffer.wrap(scopeDigest()).getLong();
    }

    private byte[] scopeDigest() {
        StringBuilder s = new StringBuilder();
        for (String part : new String[] { caller, method, path, key.value() }) {
            s.append(part.length()).append(':').append(part);
        }
        return sha256(s.toString());
    }

    /** SHA-256 (hex) of the body's canonical JSON; of {@code null} for a request without a body. */
    public static String fingerprint(Object body) {
        StringBuilder canonical = new StringBuilder();
        canonical(body == null ? CANONICAL.nullNode() : CANONICAL.valueToTree(body), canonical);
        return HexFormat.of().formatHex(sha256(canonical.toString()));
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> i = node.fields(); i.hasNext();) {
                Map.Entry<String, JsonNode> f = i.next();
                fields.put(f.getKey(), f.getValue());
            }
            out.append('{');
            String separator = "";
            for (Map.Entry<String, JsonNode> f : fields.entrySet()) {
                out.append(separator).append(quoted(f.getKey())).append(':');
                canonical(f.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            out.append(node.decimalValue().stripTrailingZeros().toPlainString());
        } else if (node.isTextual()) {
            out.append(quoted(node.textValue()));
        } else {
            out.append(node.toString()); // true, false, null
        }
    }

    private static String quoted(String text) {
        try {
            return CANONICAL.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
