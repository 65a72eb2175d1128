package uk.nhs.pcn.platform.openapi;

/**
 * Names every service's OpenAPI document shares, for resource annotations ({@code @APIResponse}, {@code @Header}) and
 * for the tests that hold the document to the service.
 */
public final class ApiDocs {

    /** The one security scheme: an HTTP bearer JWT (see {@code quarkus.smallrye-openapi.security-scheme-name}). */
    public static final String BEARER_SCHEME = "bearerAuth";

    /** Component schema of every 4xx/5xx body: an RFC 9457 problem detail. */
    public static final String PROBLEM_SCHEMA = "Problem";

    /** Component schema of one entry of a problem's {@code errors}. */
    public static final String FIELD_ERROR_SCHEMA = "ProblemFieldError";

    /** The header naming what a {@code 201 Created} created. */
    public static final String LOCATION = "Location";

    private ApiDocs() {
    }
}
