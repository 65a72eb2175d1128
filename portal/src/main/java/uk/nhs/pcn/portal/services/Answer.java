package uk.nhs.pcn.portal.services;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one service answered: a body, a refusal (403/404) or nothing usable (down, slow or failing, since when).
 */
public record Answer(PlatformApi api, int status, JsonNode body, String detail, Instant downSince) {

    public boolean ok() {
        return status >= 200 && status < 300 && body != null;
    }

    public boolean forbidden() {
        return status == 403 || status == 401;
    }

    public boolean notFound() {
        return status == 404;
    }

    /** The service could not answer (connection refused, timeout, 5xx): its panel says so. */
    public boolean unavailable() {
        return downSince != null;
    }
}
