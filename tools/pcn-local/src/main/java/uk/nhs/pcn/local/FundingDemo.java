package uk.nhs.pcn.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nhs.pcn.events.EventJson;

/**
 * The funding part of the demo: the 2021/22 payment schedule of one network and the national 2021/22 totals by
 * component, read from funding-service once it has learnt the weighted populations the registry imported.
 */
final class FundingDemo {

    static final String NETWORK = "U45102";
    static final String YEAR = "2021/22";
    /** An illustrative figure, not a real alignment: so that one care-home premium line can be calculated. */
    static final int ILLUSTRATIVE_BEDS = 40;

    /** Money read as it was written: BigDecimal, never through a double. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    FundingDemo(String token) {
        this.token = token;
    }

    void show(String funding) throws IOException, InterruptedException {
        send("POST", funding + "/api/v1/networks/" + NETWORK + "/care-home-beds",
                EventJson.mapper().writeValueAsString(Map.of("from", "2021-04-01", "beds", ILLUSTRATIVE_BEDS)));
        System.out.println("Waiting for funding-service to learn " + NETWORK + "'s weighted populations ...");
        JsonNode schedule = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send("GET", funding + "/api/v1/networks/" + NETWORK + "/payments?financialYear="
                    + YEAR, null);
            if (r.statusCode() == 200) {
                schedule = JSON.readTree(r.body());
                if (learnt(schedule)) {
                    break;
                }
            }
            Thread.sleep(1000);
        }
        if (schedule == null) {
            System.out.println("  funding-service did not answer; see .pcn/logs/funding-service.log");
            return;
        }
        if (!learnt(schedule)) {
            System.out.println("  funding-service has not yet applied the registry's national events (a busy machine:"
                    + " it catches up in the background); the figures below are as it stands now, so lines that wait"
                    + " for a population say so. Read them again later:");
            System.out.println("    curl -H \"Authorization: Bearer $(./pcn token)\" '" + funding + "/api/v1/networks/"
                    + NETWORK + "/payments?financialYear=" + YEAR + "'");
        }
        System.out.println();
        System.out.println(NETWORK + " " + schedule.path("networkName").asText() + ": DES payments " + YEAR
                + " (populations at 1 January 2021; " + ILLUSTRATIVE_BEDS + " care-home beds, an illustrative figure)");
        System.out.println("  April 2021:");
        for (JsonNode line : schedule.path("months").get(0).path("lines")) {
            System.out.printf("    %-34s %-10s %14s%n", line.path("componentName").asText(),
                    line.path("practiceCode").asText(""), line.has("amount") ? pounds(line.path("amount"))
                            : "unavailable: " + line.path("unavailableReason").asText());
        }
        for (JsonNode month : schedule.path("months")) {
            System.out.printf("  %s  %12s%s%n", month.path("month").asText(), pounds(month.path("total")),
                    month.path("incomplete").asBoolean() ? "  (incomplete)" : "");
        }
        System.out.println("  year:    " + pounds(schedule.path("total"))
                + (schedule.path("incomplete").asBoolean() ? " (incomplete: " + schedule.path("unavailableLines")
                        .asText() + " lines unavailable)" : ""));
        HttpResponse<String> national = send("GET", funding + "/api/v1/entitlements?financialYear=" + YEAR, null);
        if (national.statusCode() == 200) {
            JsonNode n = JSON.readTree(national.body());
            System.out.println();
            System.out.println("England, " + YEAR + ": " + n.path("networks").asText() + " networks, "
                    + pounds(n.path("total")) + (n.path("incomplete").asBoolean() ? " (incomplete)" : ""));
            for (JsonNode c : n.path("components")) {
                System.out.printf("  %-34s %16s%s%n", c.path("componentName").asText(), pounds(c.path("amount")),
                        c.path("unavailableLines").asLong() > 0 ? "  + " + c.path("unavailableLines").asText()
                                + " lines unavailable in " + c.path("networksIncomplete").asText() + " networks" : "");
            }
        }
        System.out.println("  curl -H \"Authorization: Bearer $(./pcn token --role finance)\" -H 'Accept: text/csv' '"
                + funding + "/api/v1/networks/" + NETWORK + "/payments?financialYear=" + YEAR + "'");
    }


    /** Whether the schedule has a participation payment worked out, i.e. the weighted populations have arrived. */
    private static boolean learnt(JsonNode schedule) {
        for (JsonNode line : schedule.path("months").path(0).path("lines")) {
            if (line.path("component").asText().equals("network-participation") && line.has("amount")) {
                return true;
            }
        }
        return false;
    }
    private static String pounds(JsonNode amount) {
        return String.format(java.util.Locale.UK, "£%,.2f", amount.decimalValue());
    }

    private HttpRequest request(String method, String url, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private HttpResponse<String> send(String method, String url, String json) throws IOException, InterruptedException {
        return http.send(request(method, url, json), HttpResponse.BodyHandlers.ofString());
    }
}
