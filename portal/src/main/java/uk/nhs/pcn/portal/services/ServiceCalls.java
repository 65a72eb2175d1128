package uk.nhs.pcn.portal.services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls the services' REST APIs with the signed-in user's own token, so every service applies its own role and
 * network scoping. Calls run in parallel with a timeout each; a service that is down or slow becomes an
 * {@link Answer} saying since when, never an error of the whole page.
 */
@ApplicationScoped
public class ServiceCalls {

    private static final Logger LOG = Logger.getLogger(ServiceCalls.class);

    @ConfigProperty(name = "pcn.portal.registry-url")
    String registryUrl;
    @ConfigProperty(name = "pcn.portal.workforce-url")
    String workforceUrl;
    @ConfigProperty(name = "pcn.portal.referral-url")
    String referralUrl;
    @ConfigProperty(name = "pcn.portal.funding-url")
    String fundingUrl;
    @ConfigProperty(name = "pcn.portal.service-timeout", defaultValue = "PT2S")
    Duration timeout;

    @Inject
    ObjectMapper json;

    private final Map<PlatformApi, String> baseUrls = new EnumMap<>(PlatformApi.class);
    /** When each service's current run of failures began (absent while it answers). */
    private final Map<PlatformApi, Instant> downSince = new ConcurrentHashMap<>();
    private HttpClient http;

    @PostConstruct
    void init() {
        baseUrls.put(PlatformApi.REGISTRY, strip(registryUrl));
        baseUrls.put(PlatformApi.WORKFORCE, strip(workforceUrl));
        baseUrls.put(PlatformApi.REFERRAL, strip(referralUrl));
        baseUrls.put(PlatformApi.FUNDING, strip(fundingUrl));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** GET {@code pathAndQuery} (e.g. {@code /api/v1/networks/U45102}) from the service as the user. */
    public CompletableFuture<Answer> get(PlatformApi api, String pathAndQuery, String token) {
        return get(api, pathAndQuery, token, Map.of());
    }

    /** As {@link #get(PlatformApi, String, String)}, with more request headers (e.g. the reason for a read). */
    public CompletableFuture<Answer> get(PlatformApi api, String pathAndQuery, String token,
            Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrls.get(api) + pathAndQuery))
                .timeout(timeout).header("Authorization", "Bearer " + token).header("Accept", "application/json");
        headers.forEach(builder::header);
        HttpRequest request = builder.GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null) {
                return down(api, failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : failure);
            }
            int status = response.statusCode();
            if (status >= 500) {
                return down(api, new IOException("HTTP " + status));
            }
            downSince.remove(api);
            JsonNode body = null;
            String detail = null;
            try {
                body = response.body().length == 0 ? null : json.readTree(response.body());
                if (status >= 400 && body != null) {
                    detail = body.path("detail").asText(body.path("title").asText(null));
                    body = null;
                }
            } catch (IOException e) {
                return down(api, e);
            }
            return new Answer(api, status, body, detail, null);
        });
    }

    private Answer down(PlatformApi api, Throwable failure) {
        Instant since = downSince.computeIfAbsent(api, a -> Instant.now());
        LOG.debugf("%s did not answer: %s", api.serviceName(), failure.toString());
        return new Answer(api, 0, null, failure instanceof java.net.http.HttpTimeoutException ? "no answer within "
                + timeout.toMillis() + " ms" : "not reachable", since);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
