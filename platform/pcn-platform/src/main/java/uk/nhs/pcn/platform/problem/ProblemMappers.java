package uk.nhs.pcn.platform.problem;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import uk.nhs.pcn.platform.api.TextCharacters;
import uk.nhs.pcn.platform.json.RefusedTextException;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response. Client mistakes get a 4xx that
 * names the field and the rule; only genuine faults are a 500, logged without request contents.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** The service's readings of its own constraints (none outside a running service). */
    @jakarta.inject.Inject
    jakarta.enterprise.inject.Instance<ConstraintProblems> constraintProblems;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v.getPropertyPath()), rule(v), message(v)))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(ProblemException.invalid(errors).toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(jsonProblem(e).toProblem(path(uri)));
    }

    // Quarkus REST ships mappers for some Jackson subtypes; these more specific ones take precedence.
    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response wrongFormat(InvalidFormatException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unmappable(JsonMappingException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    /**
     * Quarkus REST reads multipart and form bodies itself, before the resource: a body cut short or without its
     * closing boundary reaches us as an IOException (its own failures to store an upload are RuntimeExceptions and
     * stay 500s). The client's to fix, in its words, not the parser's.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri) {
        LOG.debugf(e, "Unreadable request body for %s", path(uri));
        return respond(ProblemException.invalid("body", "body-format", "The request body could not be read as its "
                + "Content-Type says: it is cut short or malformed (a multipart body needs each part and the closing "
                + "boundary)").toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        String detail = e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage()
                : "Your token does not carry a role allowed to do this";
        return respond(new ProblemException(403, "forbidden", "Forbidden", detail, List.of()).toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return respond(ProblemException.conflict("concurrent-edit", "Concurrent edit",
                "Someone else changed this record at the same time; read it again and retry").toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Request rejected";
        String detail = switch (status) {
            case 404 -> "No resource at " + path(uri);
            case 405 -> "Method not allowed on " + path(uri);
            case 406 -> "This resource answers in JSON (Accept: application/json)";
            case 413 -> "The request body is larger than this endpoint accepts";
            case 415 -> "Unsupported Content-Type for " + path(uri)
                    + (e.getMessage() != null ? ": " + e.getMessage() : "");
            default -> e.getMessage();
        };
        return respond(new Problem(Problem.type(slug(title)), title, status, detail, path(uri), List.of()));
    }

    /** Seconds a client is asked to wait before retrying a 503 (the database unreachable, the service busy). */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        SQLException sql = sqlCause(e);
        if (sql != null && databaseUnavailable(sql.getSQLState())) {
            // The database restarting or unreachable (found by the chaos suite: a PostgreSQL restart gave 500s).
            // Not the request's fault and not a defect: a 503 the client can retry. Logged without the exception,
            // whose message may quote a statement.
            LOG.warnf("Database unavailable handling %s (SQLState %s)", path(uri), sql.getSQLState());
            Problem problem = new Problem(Problem.type("database-unavailable"), "Database unavailable", 503,
                    "The service cannot reach its database just now; retry shortly. If the connection was lost "
                            + "while the change was being committed it may have been made: a retried create that is "
                            + "answered 409 found it.", path(uri), List.of());
            return respond(problem);
        }
        if (sql != null && sql.getSQLState() != null) {
            switch (sql.getSQLState()) {
                case "23P01", "23505":
                    // Exclusion or unique constraint: two concurrent writes raced past the application's check.
                    for (ConstraintProblems service : constraintProblems()) {
                        java.util.Optional<ProblemException> named = service.explain(sql);
                        if (named.isPresent()) {
                            return problem(named.get(), uri);
                        }
                    }
                    return respond(ProblemException.conflict("conflict", "Conflicting change",
                            "This change conflicts with another made at the same time; read the record again "
                                    + "and retry").toProblem(path(uri)));
                case "40001", "40P01":
                    return respond(ProblemException.conflict("concurrent-edit", "Concurrent edit",
                            "The change collided with a concurrent one; retry").toProblem(path(uri)));
                case "22001", "22003", "22008", "22021", "22P05", "2201W", "2201X":
                    // A value PostgreSQL cannot hold (too long, out of range, a character it cannot store) that
                    // no check caught first: still the request's fault, but the check belongs earlier, naming the
                    // field. Logged so that it is added.
                    LOG.warnf("Value refused by the database for %s (SQLState %s): add a check that names the field",
                            path(uri), sql.getSQLState());
                    return respond(ProblemException.invalid("request", "storable-value", "A value in the request "
                            + "is too long, out of range or holds a character that cannot be stored; nothing was "
                            + "changed").toProblem(path(uri)));
                default:
                    break;
            }
        }
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof ProblemException problem) {
                return problem(problem, uri);
            }
            if (cause instanceof OptimisticLockException lock) {
                return optimisticLock(lock, uri);
            }
            if (cause instanceof org.hibernate.StaleStateException) {
                return optimisticLock(new OptimisticLockException(), uri);
            }
            if (cause instanceof MultipartParser.MalformedMessageException) {
                // Quarkus REST's multipart parser: a part's headers or boundary are broken.
                return unreadableBody(new IOException(cause), uri);
            }
            cause = cause.getCause();
        }
        LOG.errorf(e, "Unexpected failure handling %s", path(uri));
        return respond(new Problem(Problem.type("internal-error"), "Internal error", 500,
                "The service failed unexpectedly; nothing was changed. The failure is logged.", path(uri),
                List.of()));
    }

    private List<ConstraintProblems> constraintProblems() {
        return constraintProblems == null ? List.of() : constraintProblems.stream().toList();
    }

    private Response unauthorized(UriInfo uri) {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.type("unauthorized"), "Unauthorized", 401,
                        "A valid bearer token is required", path(uri), List.of()))
                .build();
    }

    /** The problem a body Jackson could not read gives: 400 naming the field and the rule. */
    public static ProblemException jsonProblem(JsonProcessingException e) {
        if (e instanceof JsonParseException parse) {
            var location = parse.getLocation();
            return ProblemException.invalid(orBody(contextPath(parse)), "json-syntax",
                    "The body is not valid JSON (line " + location.getLineNr() + ", column "
                            + location.getColumnNr() + "): " + withoutLocation(parse.getOriginalMessage()));
        }
        if (e instanceof StreamConstraintsException limits) {
            String field = orBody(contextPath(limits));
            return ProblemException.invalid(field, "json-limits", "body".equals(field)
                    ? "The body holds a number, string or nesting larger than this service reads"
                    : "'" + field + "' holds a number or string larger than this service reads");
        }
        if (e instanceof RefusedTextException text) {
            String field = orBody(jsonPath(text));
            return ProblemException.invalid(field, TextCharacters.RULE, TextCharacters.message(field, text.refused()));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = jsonPath(unknown);
            return ProblemException.invalid(field, "unknown-field",
                    "Unknown field '" + field + "'; known fields: " + unknown.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException format) {
            String field = orBody(jsonPath(format));
            return ProblemException.invalid(field, "type",
                    "'" + field + "' must be " + describe(format.getTargetType()) + ", not "
                            + quote(format.getValue()));
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = jsonPath(mismatch);
            if (field.isEmpty()) {
                return ProblemException.invalid("body", "json-shape", "The body must be a JSON object");
            }
            return ProblemException.invalid(field, "type",
                    "'" + field + "' must be " + describe(mismatch.getTargetType()));
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof InputCoercionException range) {
            String field = orBody(jsonPath(mapping));
            return ProblemException.invalid(field, "range", "'" + field + "' is out of range: it must be "
                    + describe(range.getTargetType()) + " from " + minimum(range.getTargetType()) + " to "
                    + maximum(range.getTargetType()));
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof StreamConstraintsException) {
            String field = orBody(jsonPath(mapping));
            return ProblemException.invalid(field, "json-limits",
                    "'" + field + "' holds a number or string larger than this service reads");
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof JsonParseException parse) {
            // The text broke inside a field's value (invalid UTF-8, a raw control character, cut short).
            String field = orBody(jsonPath(mapping));
            var location = parse.getLocation();
            return ProblemException.invalid(field, "json-syntax", "'" + field + "' is not valid JSON text (line "
                    + location.getLineNr() + ", column " + location.getColumnNr() + "): "
                    + withoutLocation(parse.getOriginalMessage()));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping);
            Throwable cause = mapping.getCause();
            return ProblemException.invalid(field, "value", "'" + field + "' is not acceptable: "
                    + withoutLocation(cause instanceof JsonProcessingException json ? json.getOriginalMessage()
                            : cause != null ? cause.getMessage() : mapping.getOriginalMessage()));
        }
        return ProblemException.invalid("body", "json", "The body could not be read: "
                + withoutLocation(e.getOriginalMessage()));
    }

    /** Jackson's location suffix ("at [Source: ...; line: 1, column: 12]") is the parser's, not the client's. */
    private static final Pattern SOURCE_LOCATION = Pattern.compile(
            "\\s*\\(?(?:start marker )?at \\[Source: .*?; line: \\d+, column: \\d+\\]\\)?", Pattern.DOTALL);

    static String withoutLocation(String message) {
        return message == null ? "" : SOURCE_LOCATION.matcher(message).replaceAll("").strip();
    }

    /**
     * Where in the body the parser was (e.g. {@code needs[1]}, {@code person.givenName}), from its own parsing
     * context; "" at the top level or when it is not known. A name that is not a plain field name stops the path.
     */
    private static String contextPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser)) {
            return "";
        }
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (var context = parser.getParsingContext(); context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inArray()) {
                parts.addFirst("[" + Math.max(0, context.getCurrentIndex()) + "]");
            } else if (context.getCurrentName() != null) {
                String name = context.getCurrentName();
                if (!name.matches("[A-Za-z0-9_$-]{1,64}")) {
                    parts.clear();
                    continue;
                }
                parts.addFirst("." + name);
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** What a JSON field of the type must be, in words a person can act on. */
    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == java.time.LocalDate.class) {
            return "a date as YYYY-MM-DD (a string)";
        }
        if (isWhole(type)) {
            return "a whole number (a JSON integer such as 12, not a string or a fraction)";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number (a JSON number such as 0.5, not a string)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static boolean isWhole(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class;
    }

    private static String minimum(Class<?> type) {
        return type == Long.class || type == long.class ? String.valueOf(Long.MIN_VALUE)
                : type == Short.class || type == short.class ? String.valueOf(Short.MIN_VALUE)
                        : String.valueOf(Integer.MIN_VALUE);
    }

    private static String maximum(Class<?> type) {
        return type == Long.class || type == long.class ? String.valueOf(Long.MAX_VALUE)
                : type == Short.class || type == short.class ? String.valueOf(Short.MAX_VALUE)
                        : String.valueOf(Integer.MAX_VALUE);
    }

    /** The value as sent, quoted and cut short: a message never repeats a long value in full. */
    private static String quote(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }

    private static String orBody(String field) {
        return field.isEmpty() ? "body" : field;
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The field as the client knows it: the JSON property path or the query parameter, not the Java method. */
    static String fieldName(Path path) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                // List<@NotNull Need>: the element is the previous part's [index], not "<list element>".
                String index = node.getIndex() != null ? "[" + node.getIndex() + "]"
                        : node.getKey() != null ? "[" + node.getKey() + "]" : "";
                if (parts.isEmpty()) {
                    parts.add((parameter != null ? parameter : "body") + index);
                } else {
                    parts.set(parts.size() - 1, parts.get(parts.size() - 1) + index);
                }
                continue;
            }
            if (node.getName() != null) {
                parts.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
            }
        }
        if (parts.isEmpty()) {
            return parameter != null ? parameter : "body";
        }
        return String.join(".", parts);
    }

    private static String rule(ConstraintViolation<?> violation) {
        String annotation = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return Character.toLowerCase(annotation.charAt(0)) + annotation.substring(1);
    }

    private static String message(ConstraintViolation<?> violation) {
        return "'" + fieldName(violation.getPropertyPath()) + "' " + violation.getMessage();
    }

    /**
     * SQLState class 08 (connection exception) and 57P01-57P03 (administrator or crash shutdown, cannot connect now):
     * PostgreSQL restarting, failing over or unreachable.
     */
    static boolean databaseUnavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01")
                || sqlState.equals("57P02") || sqlState.equals("57P03"));
    }

    /**
     * The first SQLException among the failure's causes and, breadth first, the causes of what they suppressed: a
     * commit the database lost is a RollbackException whose SQLException hangs from a suppressed XAException (found
     * by the chaos suite: a PostgreSQL restart during a commit gave a 500).
     */
    static SQLException sqlCause(Throwable e) {
        java.util.ArrayDeque<Throwable> pending = new java.util.ArrayDeque<>();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        pending.add(e);
        while (!pending.isEmpty()) {
            for (Throwable cause = pending.poll(); cause != null && seen.add(cause); cause = cause.getCause()) {
                if (cause instanceof SQLException sql) {
                    return sql;
                }
                pending.addAll(java.util.Arrays.asList(cause.getSuppressed()));
            }
        }
        return null;
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    /** A problem+json answer; a 503 (busy, database unavailable) says when to retry. */
    private static Response respond(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }
}
