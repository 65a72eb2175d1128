package uk.nhs.pcn.platform.api;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import uk.nhs.pcn.platform.problem.Problem;

/**
 * A request body must say what it is. A write with a body and no {@code Content-Type} would otherwise be read as
 * JSON anyway, and a {@code Content-Type} that is not a media type at all made Quarkus REST fail with a 500 while
 * choosing the resource. Both get a 415 problem+json naming the header, before anything else reads the request.
 */
@ApplicationScoped
public class RequestContentType {

    /** RFC 9110 media type: type "/" subtype, then optional parameters. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+\\s*(;.*)?", Pattern.DOTALL);

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String refusal = refusal(ctx.request());
            if (refusal != null) {
                Problem problem = new Problem(Problem.type("unsupported-media-type"), "Unsupported Media Type", 415,
                        refusal, ctx.request().path(), List.of(new Problem.FieldError("Content-Type",
                                "media-type", refusal)));
                ctx.response().setStatusCode(415)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(write(problem));
                return;
            }
            ctx.next();
        });
    }

    /** Why the request's Content-Type is refused, or null when it is acceptable. */
    static String refusal(HttpServerRequest request) {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            if (!MEDIA_TYPE.matcher(contentType.strip()).matches()) {
                return "The Content-Type header is not a media type (type/subtype, e.g. application/json)";
            }
            return null;
        }
        return sendsBody(request)
                ? "A request with a body needs a Content-Type header saying what the body is (e.g. application/json)"
                : null;
    }

    private static boolean sendsBody(HttpServerRequest request) {
        HttpMethod method = request.method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
