package uk.nhs.pcn.registry;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pcn.testsupport.TestTokens;

/** Helpers shared by the registry's tests: tokens, unique test codes, and common set-up calls. */
public final class RegistryTestSupport {

    /** U008xx and U009xx are not used by any network in the national file the import tests load. */
    private static final AtomicInteger NETWORKS = new AtomicInteger(800);
    /** No real practice code starts with Z. */
    private static final AtomicInteger PRACTICES = new AtomicInteger(0);

    public static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    private RegistryTestSupport() {
    }

    public static String newNetworkCode() {
        int n = NETWORKS.getAndIncrement();
        if (n > 998) { // U00999 is kept for the import tests
            throw new IllegalStateException("Out of test network codes");
        }
        return String.format("U%05d", n);
    }

    public static String newPracticeCode() {
        return String.format("Z%05d", PRACTICES.getAndIncrement());
    }

    public static RequestSpecification asCommissioner() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.commissioner()))
                .contentType(ContentType.JSON);
    }

    public static RequestSpecification asViewer() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.viewer())).contentType(ContentType.JSON);
    }

    public static String registerNetwork(String openDate) {
        String code = newNetworkCode();
        asCommissioner().body(Map.of("code", code, "name", "TEST PCN " + code, "commissionerCode", "00C",
                "openDate", openDate)).post("/api/v1/networks").then().statusCode(201);
        return code;
    }

    public static String registerPractice() {
        String code = newPracticeCode();
        asCommissioner().body(Map.of("code", code, "name", "TEST SURGERY " + code, "postcode", "DL1 1AA",
                "commissionerCode", "00C")).post("/api/v1/practices").then().statusCode(201);
        return code;
    }

    public static void join(String practice, String network, String from) {
        asCommissioner().body(Map.of("networkCode", network, "from", from))
                .post("/api/v1/practices/" + practice + "/memberships").then().statusCode(201);
    }

    public static void recordListSize(String practice, String asAt, int registered) {
        asCommissioner().body(Map.of("asAt", asAt, "registeredPatients", registered))
                .post("/api/v1/practices/" + practice + "/list-sizes").then().statusCode(201);
    }
}
