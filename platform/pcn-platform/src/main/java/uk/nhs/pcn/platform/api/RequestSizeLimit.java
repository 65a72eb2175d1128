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
 */
@ApplicationScoped
public class RequestSizeLimit {

    @ConfigProperty(name = "pcn.http.max-body-bytes", defaultValue = "16777216")
    long maxBodyBytes;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
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
