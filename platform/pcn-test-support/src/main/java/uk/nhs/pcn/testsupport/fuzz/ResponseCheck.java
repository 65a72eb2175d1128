package uk.nhs.pcn.testsupport.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every answer to a fuzzed request must be: never a 5xx; a request that must be refused is refused (4xx); a
 * wrong token gets 401 or 403 whatever else is wrong; a valid token is never answered 401; every 4xx is
 * {@code application/problem+json} with the Problem shape (type, title, status, detail), naming the field at fault
 * in {@code errors} when a 400 is about one field; and no detail quotes a library's internals.
 */
final class ResponseCheck {

    /** One way an answer fell short: the kind of failure (for grouping) and what the service said. */
    record Failure(String kind, String detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Refusals for size (body, URI, headers) that come before anyone is authenticated, rightly: a wrong token may
     * get these instead of its 401 or 403.
     */
    private static final java.util.Set<Integer> LIMITS = java.util.Set.of(413, 414, 431);

    /** Java package-qualified names, exception class names, parser positions and well-known library phrases. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\b(?:com|org|java|javax|jakarta|io|sun|jdk)\\.[a-z_]+\\.[A-Za-z_$]"
                    + "|\\b[A-Z][A-Za-z]*(?:Exception|Error)\\b"
                    + "|\\[Source:|\\bline: \\d+, column: \\d+\\]"
                    + "|\\b[A-Z][A-Za-z]+\\.[a-z][A-Za-z]+\\(\\)"
                    + "|SQLState|ERROR: |\\bHHH\\d+|bugzilla|Identifier may not be null|could not execute");

    private ResponseCheck() {
    }

    static List<Failure> check(FuzzCase c, int status, String contentType, byte[] body) {
        List<Failure> failures = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode problem = parse(text);
        String detail = problem != null && problem.path("detail").isTextual() ? problem.path("detail").asText()
                : text.isBlank() ? "(empty body)" : text;
        if (status >= 500) {
            failures.add(new Failure(status + " server error", detail));
        }
        if (c.mustRefuse() && status < 400) {
            failures.add(new Failure("accepted (" + status + ")", detail));
        }
        if (c.expected() != null && !c.expected().contains(status) && !LIMITS.contains(status) && status < 500) {
            failures.add(new Failure("token answered " + status + ", not " + describe(c), detail));
        }
        if (c.expected() == null && status == 401) {
            failures.add(new Failure("valid token answered 401", detail));
        }
        if (status >= 400 && status < 500) {
            clientError(c, status, contentType, problem, detail, failures);
        }
        return failures;
    }

    private static String describe(FuzzCase c) {
        return c.expected().stream().sorted().map(String::valueOf).reduce((a, b) -> a + " or " + b).orElse("");
    }

    private static void clientError(FuzzCase c, int status, String contentType, JsonNode problem, String detail,
            List<Failure> failures) {
        String media = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/problem+json")) {
            failures.add(new Failure(status + " is not application/problem+json (Content-Type: "
                    + (contentType == null ? "none" : contentType) + ")", detail));
            return;
        }
        if (problem == null || !problem.isObject()) {
            failures.add(new Failure("problem+json body is not a JSON object", detail));
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("type", "title", "detail")) {
            if (!problem.path(field).isTextual() || problem.path(field).asText().isBlank()) {
                missing.add(field);
            }
        }
        if (!problem.path("status").canConvertToInt() || problem.path("status").asInt() != status) {
            missing.add("status " + status);
        }
        JsonNode errors = problem.path("errors");
        if (!errors.isMissingNode() && !errors.isArray()) {
            missing.add("errors as an array");
        }
        for (JsonNode e : errors) {
            if (!e.path("field").isTextual() || !e.path("message").isTextual()) {
                missing.add("field and message in each error");
                break;
            }
        }
        if (!missing.isEmpty()) {
            failures.add(new Failure("Problem lacks " + String.join(", ", missing), detail));
        }
        if (c.field() != null && status == 400 && !names(errors, c.field())) {
            List<String> named = new ArrayList<>();
            errors.forEach(e -> named.add(e.path("field").asText()));
            failures.add(new Failure("400 does not name the field " + c.field(),
                    detail + (named.isEmpty() ? " (no errors)" : " (errors name " + named + ")")));
        }
        StringBuilder words = new StringBuilder(problem.path("detail").asText(""));
        errors.forEach(e -> words.append('\n').append(e.path("message").asText("")));
        var leak = INTERNALS.matcher(words);
        if (leak.find()) {
            failures.add(new Failure("detail quotes internals (" + leak.group() + ")", detail));
        }
    }

    /** Does an error name the field, or the object or array it is in, or a field inside it? */
    static boolean names(JsonNode errors, String field) {
        String wanted = normal(field);
        for (JsonNode e : errors) {
            String named = normal(e.path("field").asText(""));
            if (named.equals(wanted) || named.startsWith(wanted + ".") || named.startsWith(wanted + "[")
                    || wanted.startsWith(named + ".") || wanted.startsWith(named + "[")) {
                return !named.isEmpty();
            }
        }
        return false;
    }

    private static String normal(String field) {
        String f = field.strip();
        for (String prefix : List.of("$.", "body.", "/")) {
            if (f.startsWith(prefix)) {
                f = f.substring(prefix.length());
            }
        }
        return f.replace('/', '.').replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
