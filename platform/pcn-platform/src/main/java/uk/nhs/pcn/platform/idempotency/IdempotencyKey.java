package uk.nhs.pcn.platform.idempotency;

import java.util.List;
import java.util.Optional;

import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * A client-chosen key that makes a non-idempotent request (a {@code POST} that creates something) safe to re-send,
 * read from the {@value #HEADER} request header as the IETF httpapi draft "The Idempotency-Key HTTP Header Field"
 * defines it: an RFC 8941 String, e.g. {@code Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"}. The bare
 * form many clients send ({@code Idempotency-Key: 8e03978e-...}, no quotes) is read as the same key.
 *
 * <p>The key is 1 to {@value #MAX_LENGTH} printable ASCII characters (space to {@code ~}); a UUID is recommended.
 * A header breaking that, or sent more than once, is refused with a 400 problem naming {@value #HEADER} and the rule:
 * {@value #RULE_SINGLE}, {@value #RULE_SYNTAX}, {@value #RULE_LENGTH} or {@value #RULE_CHARACTERS}. The header is
 * optional: without it a request is executed as it always was.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";

    /** The response header on an answer that was stored earlier and is sent again (the request was not re-run). */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    public static final int MAX_LENGTH = 255;

    public static final String RULE_SINGLE = "single-header";
    public static final String RULE_SYNTAX = "sf-string";
    public static final String RULE_LENGTH = "length";
    public static final String RULE_CHARACTERS = "printable-ascii";

    public IdempotencyKey {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || firstUnprintable(value) >= 0) {
            throw new IllegalArgumentException("Not an idempotency key: 1 to " + MAX_LENGTH
                    + " printable ASCII characters");
        }
    }

    /**
     * The key the request carries, if any.
     *
     * @param fieldLines the values of every {@value #HEADER} field line of the request, as received (null or empty
     *        when there is none)
     * @throws ProblemException 400 naming the header and the rule it breaks
     */
    public static Optional<IdempotencyKey> fromHeader(List<String> fieldLines) {
        if (fieldLines == null || fieldLines.isEmpty()) {
            return Optional.empty();
        }
        if (fieldLines.size() > 1) {
            throw refused(RULE_SINGLE, "Send the " + HEADER + " header once; this request has it "
                    + fieldLines.size() + " times");
        }
        String field = strip(fieldLines.get(0));
        String key = field.startsWith("\"") ? unquote(field) : field;
        if (key.isEmpty()) {
            throw refused(RULE_LENGTH, HEADER + " is empty; send 1 to " + MAX_LENGTH
                    + " printable ASCII characters, e.g. a UUID");
        }
        int bad = firstUnprintable(key);
        if (bad >= 0) {
            throw refused(RULE_CHARACTERS, HEADER + " may hold only printable ASCII characters (space to '~'); "
                    + "character " + (bad + 1) + " is " + String.format("U+%04X", (int) key.charAt(bad)));
        }
        if (key.length() > MAX_LENGTH) {
            throw refused(RULE_LENGTH, HEADER + " is " + key.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed");
        }
        return Optional.of(new IdempotencyKey(key));
    }

    /** An RFC 8941 sf-string: DQUOTE *( unescaped / "\" ( DQUOTE / "\" ) ) DQUOTE. */
    private static String unquote(String field) {
        StringBuilder key = new StringBuilder(field.length());
        for (int i = 1; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\') {
                if (i + 1 >= field.length() || field.charAt(i + 1) != '"' && field.charAt(i + 1) != '\\') {
                    throw refused(RULE_SYNTAX, HEADER + " is a quoted string in which '\\' may only escape '\"' "
                            + "or '\\' (RFC 8941 String)");
                }
                key.append(field.charAt(++i));
            } else if (c == '"') {
                if (i != field.length() - 1) {
                    throw refused(RULE_SYNTAX, HEADER + " has text after its closing quote; send one quoted "
                            + "string (RFC 8941 String) or the key without quotes");
                }
                return key.toString();
            } else {
                key.append(c);
            }
        }
        throw refused(RULE_SYNTAX, HEADER + " opens a quoted string but does not close it (RFC 8941 String)");
    }

    /** Leading and trailing spaces and tabs are not part of a field value (RFC 9110 section 5.5). */
    private static String strip(String field) {
        int start = 0;
        int end = field.length();
        while (start < end && (field.charAt(start) == ' ' || field.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (field.charAt(end - 1) == ' ' || field.charAt(end - 1) == '\t')) {
            end--;
        }
        return field.substring(start, end);
    }

    private static int firstUnprintable(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return i;
            }
        }
        return -1;
    }

    private static ProblemException refused(String rule, String message) {
        return ProblemException.invalid(HEADER, rule, message);
    }

    @Override
    public String toString() {
        return value;
    }
}
