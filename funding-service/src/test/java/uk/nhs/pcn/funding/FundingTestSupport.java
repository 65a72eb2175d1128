package uk.nhs.pcn.funding;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.testsupport.EventPublisher;
import uk.nhs.pcn.testsupport.TestTokens;

/** Shared helpers: registry events to seed the read model, tokens, and waiting for a recalculation. */
public final class FundingTestSupport {

    private static final AtomicInteger NETWORKS = new AtomicInteger(200);
    private static final AtomicInteger PRACTICES = new AtomicInteger(0);

    private FundingTestSupport() {
    }

    public static String newNetworkCode() {
        return String.format("U%05d", NETWORKS.getAndIncrement());
    }

    public static String newPracticeCode() {
        return String.format("Y%05d", PRACTICES.getAndIncrement());
    }

    /**
     * Publishes a network open since July 2019 with one member practice and its populations as at 1 January 2025,
     * and waits until its 2025/26 schedule is calculated here.
     *
     * @return the network code and the practice code
     */
    public static List<String> networkWithPractice(long registered, String weighted, String adjusted) {
        String network = newNetworkCode();
        String practice = newPracticeCode();
        try (EventPublisher registry = new EventPublisher()) {
            registry.publish(Topics.REGISTRY, network, new NetworkRegistered(network, "TEST PCN " + network, "00C",
                    LocalDate.of(2019, 7, 1)));
            registry.publish(Topics.REGISTRY, network, new PracticeJoinedNetwork(network, practice, "TEST SURGERY",
                    "00C", LocalDate.of(2019, 7, 1)));
            registry.publish(Topics.REGISTRY, network, new ListSizeRecorded(practice, network,
                    LocalDate.of(2025, 1, 1), registered, new BigDecimal(weighted), new BigDecimal(adjusted)));
        }
        awaitSchedule(network, "2025/26", s -> s.getInt("months[0].lines.size()") > 0
                && s.getString("months[0].lines.find { it.component == 'network-participation' }.amount") != null);
        return List.of(network, practice);
    }

    /** Waits until the network's schedule for the year satisfies the check; returns it. */
    public static JsonPath awaitSchedule(String network, String year, Predicate<JsonPath> check) {
        String path = "/api/v1/networks/" + network + "/payments?financialYear=" + year;
        try {
            return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        var response = asCommissioner().get(path);
                        return response.statusCode() == 200 ? json(response) : null;
                    }, s -> s != null && check.test(s));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("The schedule never became as expected: " + asCommissioner().get(path).asString(),
                    e);
        }
    }

    /** The body as JSON, numbers as BigDecimal (money must not pass through a float). */
    public static JsonPath json(io.restassured.response.Response response) {
        return response.jsonPath(JsonPathConfig.jsonPathConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** Records care-home beds from a date as a commissioner. */
    public static void beds(String network, String from, int beds) {
        asCommissioner().body(Map.of("from", from, "beds", beds))
                .post("/api/v1/networks/" + network + "/care-home-beds").then().statusCode(201);
    }

    public static RequestSpecification asManager(String... networks) {
        return as(TestTokens.pcnManager(networks));
    }

    public static RequestSpecification asCommissioner() {
        return as(TestTokens.commissioner());
    }

    public static RequestSpecification asFinance() {
        return as(TestTokens.finance());
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType(ContentType.JSON);
    }
}
