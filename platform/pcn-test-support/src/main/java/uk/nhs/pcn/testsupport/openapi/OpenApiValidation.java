package uk.nhs.pcn.testsupport.openapi;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds every REST Assured call of a service's tests to the service's own OpenAPI document: the request must be one
 * the document describes, and the response's status, headers, content type and body (no field the document does not
 * name) must be one it documents. A mismatch fails the test.
 *
 * <p>{@link #install()} adds one global filter (done before each {@code @QuarkusTest} method by
 * {@link InstallOpenApiValidation}). The document is read once per service, from {@code /q/openapi} of whatever
 * the request goes to, so a test that calls another PCN service is held to that service's document.
 *
 * <p>A test that sends a request breaking the document on purpose (malformed JSON, a wrong type, an unknown field,
 * a Content-Type the operation does not take) adds {@link #responseOnly()} to that call: its response is still
 * checked.
 */
public final class OpenApiValidation implements Filter {

    private static final OpenApiValidation INSTANCE = new OpenApiValidation();

    /** The filter itself, for this module's own test (which must not change REST Assured's global state). */
    static final Filter INSTANCE_FOR_TESTS = INSTANCE;

    /** Per origin (scheme://host:port): its document's validator, or empty when it serves no OpenAPI document. */
    private static final Map<String, Optional<OpenApiInteractionValidator>> VALIDATORS = new ConcurrentHashMap<>();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private OpenApiValidation() {
    }

    /** Adds the validating filter to REST Assured's global filters, once. */
    public static synchronized void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    /**
     * For a call whose request breaks the document on purpose: skip the request check, still check the response.
     * Use as {@code given().filter(OpenApiValidation.responseOnly())}.
     */
    public static Filter responseOnly() {
        return new ResponseOnly();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        URI uri = URI.create(request.getURI());
        Optional<OpenApiInteractionValidator> validator = uri.getPath().startsWith("/q/") ? Optional.empty()
                : VALIDATORS.computeIfAbsent(origin(uri), OpenApiValidation::load);
        if (validator.isEmpty()) {
            return context.next(request, response);
        }
        Request sent = new QueryFromUri(RestAssuredRequest.of(request), uri);
        boolean responseOnly = request.getDefinedFilters().stream().anyMatch(ResponseOnly.class::isInstance);
        if (!responseOnly) {
            ValidationReport report = validator.get().validateRequest(sent);
            if (!request.getMultiPartParams().isEmpty()) {
                // The validator does not see multipart bodies; their parts are the service's to check.
                report = ValidationReport.from(report.getMessages().stream()
                        .filter(m -> !m.getKey().equals("validation.request.body.missing")).toList());
            }
            fail("The request breaks", request, report);
        }
        Response received = context.next(request, response);
        fail("The response (" + received.getStatusCode() + ") breaks", request,
                validator.get().validateResponse(sent.getPath(), sent.getMethod(), RestAssuredResponse.of(received)));
        return received;
    }

    private static void fail(String what, FilterableRequestSpecification request, ValidationReport report) {
        if (report.hasErrors()) {
            throw new AssertionError(what + " the service's OpenAPI document (" + request.getMethod() + " "
                    + request.getURI() + "). Fix the document (annotations) or the service; if the request breaks "
                    + "it on purpose, add .filter(OpenApiValidation.responseOnly()) to that call.\n"
                    + SimpleValidationReportFormat.getInstance().apply(report));
        }
    }

    private static Optional<OpenApiInteractionValidator> load(String origin) {
        HttpResponse<String> document;
        try {
            document = HTTP.send(HttpRequest.newBuilder(URI.create(origin + "/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the OpenAPI document of " + origin, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (document.statusCode() == 404) {
            return Optional.empty(); // not a PCN service: nothing to hold it to
        }
        if (document.statusCode() != 200) {
            throw new IllegalStateException(origin + "/q/openapi answered " + document.statusCode());
        }
        return Optional.of(OpenApiInteractionValidator.createForInlineApiSpecification(ValidatorDocument.from(document.body()))
                .withLevelResolver(LevelResolver.create()
                        // Strict: a body field the document does not name is an error, not a silent extra.
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                        // The validator cannot verify a JWT; a call without one is answered with the documented 401.
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        .build())
                .build());
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    /** Marks a call whose request is meant to break the document. */
    private static final class ResponseOnly implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            return context.next(request, response);
        }
    }

    /**
     * The request as sent, with its query parameters read from the final URI: the RestAssured adapter sees only
     * parameters given with {@code queryParam}, not those written into the path ({@code "/claims?financialYear=..."}),
     * so a required parameter would look missing and an invalid one would go unchecked.
     */
    private record QueryFromUri(Request delegate, Map<String, List<String>> query) implements Request {

        QueryFromUri(Request delegate, URI uri) {
            this(delegate, parse(uri.getRawQuery()));
        }

        private static Map<String, List<String>> parse(String rawQuery) {
            Map<String, List<String>> query = new LinkedHashMap<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            }
            return query;
        }

        @Override
        public String getPath() {
            return delegate.getPath();
        }

        @Override
        public Method getMethod() {
            return delegate.getMethod();
        }

        @Override
        public Optional<String> getBody() {
            return delegate.getBody();
        }

        @Override
        public Optional<Body> getRequestBody() {
            return delegate.getRequestBody();
        }

        @Override
        public Collection<String> getQueryParameters() {
            return query.keySet();
        }

        @Override
        public Collection<String> getQueryParameterValues(String name) {
            return query.getOrDefault(name, List.of());
        }

        @Override
        public Map<String, Collection<String>> getHeaders() {
            return delegate.getHeaders();
        }

        @Override
        public Collection<String> getHeaderValues(String name) {
            return delegate.getHeaderValues(name);
        }
    }
}
