package uk.nhs.pcn.platform.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Refuses a request whose declared body is larger than {@code pcn.http.max-body-bytes} with a 413 problem+json,
 * before any of it is read. (Bodies without a Content-Length are still capped by quarkus.http.limits.max-body-size.)
 */
@ApplicationScoped
public class RequestSizeLimit {

    @ConfigProperty(name = "pcn.http.max-body-bytes", defaultValue = "16777216")
    long maxBodyBytes;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isTooLarge(length)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end("{\"type\":\"https://pcn.nhs.uk/problems/payload-too-large\",\"title\":\"Payload too large\","
                                + "\"status\":413,\"detail\":\"The request body is " + length
                                + " bytes; this service accepts at most " + maxBodyBytes + " bytes\",\"instance\":\""
                                + ctx.request().path().replace("\"", "") + "\"}");
                return;
            }
            ctx.next();
        });
    }

    private boolean isTooLarge(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
