package uk.nhs.pcn.workforce;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.testsupport.EventPublisher;
import uk.nhs.pcn.testsupport.TestTokens;

/** Shared helpers: registry events to seed the read model, tokens, and a valid appointment body. */
public final class WorkforceTestSupport {

    private static final AtomicInteger NETWORKS = new AtomicInteger(100);
    private static final AtomicInteger PRACTICES = new AtomicInteger(0);

    private WorkforceTestSupport() {
    }

    public static String newNetworkCode() {
        return String.format("U%05d", NETWORKS.getAndIncrement());
    }

    /** Publishes NetworkRegistered (and optionally members with list sizes) and waits until it is known here. */
    public static String knownNetwork(String openDate, int registeredPopulation) {
        String code = newNetworkCode();
        try (EventPublisher registry = new EventPublisher()) {
            registry.publish(Topics.REGISTRY, code,
                    new NetworkRegistered(code, "TEST PCN " + code, "00C", LocalDate.parse(openDate)));
            if (registeredPopulation > 0) {
                String practice = String.format("Z%05d", PRACTICES.getAndIncrement());
                registry.publish(Topics.REGISTRY, code, new PracticeJoinedNetwork(code, practice, "TEST SURGERY",
                        "00C", LocalDate.parse(openDate)));
                registry.publish(Topics.REGISTRY, code, new ListSizeRecorded(practice, code,
                        LocalDate.parse(openDate).withDayOfYear(1), registeredPopulation, null, null));
            }
        }
        awaitKnown(code);
        return code;
    }

    public static void awaitKnown(String code) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                asCommissioner().get("/api/v1/networks/" + code + "/workforce").statusCode() == 200);
    }

    public static RequestSpecification asManager(String... networks) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.pcnManager(networks)))
                .contentType(ContentType.JSON);
    }

    public static RequestSpecification asCommissioner() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.commissioner()))
                .contentType(ContentType.JSON);
    }

    public static Map<String, Object> appointment(String role, String wte, String start, String salary,
            String onCosts) {
        Map<String, Object> body = new HashMap<>();
        body.put("staffReference", "EMP-" + PRACTICES.incrementAndGet());
        body.put("roleCode", role);
        body.put("wte", new java.math.BigDecimal(wte));
        body.put("startDate", start);
        body.put("employingOrganisation", "Lead practice");
        body.put("payBand", "7");
        body.put("fullTimeAnnualSalary", new java.math.BigDecimal(salary));
        body.put("fullTimeAnnualOnCosts", new java.math.BigDecimal(onCosts));
        return body;
    }
}
