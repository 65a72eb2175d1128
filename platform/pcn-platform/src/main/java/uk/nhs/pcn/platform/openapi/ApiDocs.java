package uk.nhs.pcn.platform.openapi;

/**
 * Names every service's OpenAPI document shares, for resource annotations ({@code @APIResponse}, {@code @Header}).
 * The one security scheme, {@code bearerAuth}, is named in the shared config
 * ({@code quarkus.smallrye-openapi.security-scheme-name}).
 */
public final class ApiDocs {

    /** Component schema of every 4xx/5xx body: an RFC 9457 problem detail. */
    public static final String PROBLEM_SCHEMA = "Problem";

    /** Component schema of one entry of a problem's {@code errors}. */
    public static final String FIELD_ERROR_SCHEMA = "ProblemFieldError";

    /** The header naming what a {@code 201 Created} created. */
    public static final String LOCATION = "Location";

    private ApiDocs() {
    }
}
