package uk.nhs.pcn.platform.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import uk.nhs.pcn.platform.problem.Problem;

/**
 * Refuses a request whose declared body is larger than {@code pcn.http.max-body-bytes} with a 413 problem+json,
 * before any of it is read. (Bodies without a Content-Length are still capped by quarkus.http.limits.max-body-size.)
 *
 * <p>Refuses a request whose URI (path and query string) is longer than {@code pcn.http.max-uri-length} with a 414
 * problem+json. Vert.x itself answers a request line longer than {@code quarkus.http.limits.max-initial-line-length}
 * with a bare 414 before any route runs (Quarkus offers no hook there), so the platform sets that limit well above
 * this one: only a request line beyond it (64 KiB) still gets the bare answer.
 */
@ApplicationScoped
public class RequestSizeLimit {

    @ConfigProperty(name = "pcn.http.max-body-bytes", defaultValue = "16777216")
    long maxBodyBytes;

    @ConfigProperty(name = "pcn.http.max-uri-length", defaultValue = "4096")
    int maxUriLength;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (ctx.request().uri().length() > maxUriLength) {
                Problem problem = new Problem(Problem.type("uri-too-long"), "URI too long", 414,
                        "The request's path and query string are " + ctx.request().uri().length()
                                + " characters; this service accepts at most " + maxUriLength,
                        ctx.request().path().length() > maxUriLength ? null : ctx.request().path(), List.of());
                ctx.response().setStatusCode(414)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(write(problem));
                return;
            }
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isTooLarge(length)) {
                Problem problem = new Problem(Problem.type("payload-too-large"), "Payload too large", 413,
                        "The request body is " + length.strip() + " bytes; this service accepts at most "
                                + maxBodyBytes + " bytes",
                        ctx.request().path(), List.of());
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(write(problem));
                return;
            }
            ctx.next();
        });
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean isTooLarge(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
