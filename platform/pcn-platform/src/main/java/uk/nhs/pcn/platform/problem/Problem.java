package uk.nhs.pcn.platform.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code errors} lists each invalid field with the rule it broke, so a client can
 * show the message next to the field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One broken rule: {@code field} is a JSON path or query parameter name; for file imports, row and column. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String rule, String message, Integer row, String column) {
        public FieldError(String field, String rule, String message) {
            this(field, rule, message, null, null);
        }
    }

    public static URI type(String slug) {
        return URI.create("https://pcn.nhs.uk/problems/" + slug);
    }
}
