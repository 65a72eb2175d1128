package uk.nhs.pcn.platform.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * Refuses a query or path parameter holding a character that cannot be stored ({@link TextCharacters}), e.g.
 * {@code ?fileName=a%00b}, with a 400 naming the parameter, before any resource sees it. Runs after the security
 * checks (Quarkus's, then the {@code Priorities.AUTHORIZATION} filters), so a caller without the right still gets
 * 403.
 */
public class ParameterText {

    @ServerRequestFilter(priority = Priorities.USER)
    public void refuseUnstorableCharacters(UriInfo uri) {
        requireUtf8(uri);
        check(uri.getPathParameters());
        check(uri.getQueryParameters());
    }

    /**
     * A percent-encoded parameter must decode to UTF-8: {@code %ED%A0%80} (an encoded surrogate) or {@code %FF}
     * would otherwise be decoded to U+FFFD and stored as such.
     */
    private static void requireUtf8(UriInfo uri) {
        String rawPath = uri.getRequestUri().getRawPath();
        String rawQuery = uri.getRequestUri().getRawQuery();
        if (!decodesAsUtf8(rawPath)) {
            String field = pathParameterOf(uri, rawPath);
            throw ProblemException.invalid(field, "utf-8", "'" + field + "' is not UTF-8 text once its "
                    + "percent-encoding is decoded; encode the value's UTF-8 bytes");
        }
        if (rawQuery == null) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!decodesAsUtf8(pair)) {
                String field = decodesAsUtf8(name) ? name : "query"; // as sent: percent-encoded, so plain ASCII
                throw ProblemException.invalid(field, "utf-8", "'" + field + "' is not UTF-8 text once its "
                        + "percent-encoding is decoded; encode the value's UTF-8 bytes");
            }
        }
    }

    /** The path parameter holding the first segment that is not UTF-8 (as decoded, with U+FFFD), else "path". */
    private static String pathParameterOf(UriInfo uri, String rawPath) {
        for (String segment : rawPath.split("/")) {
            if (!decodesAsUtf8(segment)) {
                String decoded = new String(percentDecoded(segment), StandardCharsets.UTF_8);
                for (Map.Entry<String, List<String>> parameter : uri.getPathParameters().entrySet()) {
                    if (parameter.getValue().contains(decoded)) {
                        return parameter.getKey();
                    }
                }
                for (Map.Entry<String, List<String>> parameter : uri.getPathParameters().entrySet()) {
                    if (parameter.getValue().stream().anyMatch(value -> value.indexOf('\uFFFD') >= 0)) {
                        return parameter.getKey();
                    }
                }
                break;
            }
        }
        return "path";
    }

    static boolean decodesAsUtf8(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(percentDecoded(raw)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] percentDecoded(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    /**
     * Parameters are codes, ids, dates and months: their digits are 0-9. Java reads {@code ١٢} (Arabic-Indic) as 12,
     * so {@code /partners/١} found partner 1.
     */
    private static void requireAsciiDigits(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 127 && Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                throw ProblemException.invalid(name, "ascii-digits", "'" + name + "' holds a digit from another "
                        + "script at character " + (i + 1) + "; write digits as 0-9");
            }
        }
    }

    private static void check(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            int index = TextCharacters.firstRefused(name);
            if (index >= 0) {
                throw ProblemException.invalid("query", TextCharacters.RULE,
                        TextCharacters.message("query", TextCharacters.describe(name, index)));
            }
            for (String value : parameter.getValue()) {
                TextCharacters.require(name, value);
                requireAsciiDigits(name, value);
            }
        }
    }
}
