package uk.nhs.pcn.referral;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.events.registry.PracticeLeftNetwork;
import uk.nhs.pcn.events.workforce.AppointmentEnded;
import uk.nhs.pcn.events.workforce.StaffAppointed;
import uk.nhs.pcn.testsupport.EventPublisher;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * Shared helpers: registry and workforce events published on the real broker to seed the read models, NHS numbers
 * from the test range (999 000 0000 - 999 999 9999) that pass the Modulus 11 check, tokens and request bodies.
 */
public final class ReferralTestSupport {

    private static final AtomicInteger NETWORKS = new AtomicInteger(300);
    private static final AtomicInteger PRACTICES = new AtomicInteger(300);
    private static final AtomicLong PEOPLE = new AtomicLong(9_990_000_000L / 10);

    private ReferralTestSupport() {
    }

    public static String newNetworkCode() {
        return String.format("U%05d", NETWORKS.getAndIncrement());
    }

    public static String newPracticeCode() {
        return String.format("R%05d", PRACTICES.getAndIncrement());
    }

    /** The next NHS number in the test range whose Modulus 11 check digit is valid. */
    public static String newNhsNumber() {
        while (true) {
            String number = uk.nhs.pcn.testsupport.TestNhsNumbers.withCheckDigit(PEOPLE.getAndIncrement());
            if (number != null) {
                return number;
            }
        }
    }

    /** Publishes a network open since July 2019 and a practice in it; waits until referrals can be made there. */
    public static String[] networkWithPractice() {
        String network = newNetworkCode();
        String practice = newPracticeCode();
        try (EventPublisher registry = new EventPublisher()) {
            registry.publish(Topics.REGISTRY, network, new NetworkRegistered(network, "TEST PCN " + network, "00C",
                    LocalDate.of(2019, 7, 1)));
            registry.publish(Topics.REGISTRY, network, new PracticeJoinedNetwork(network, practice, "TEST SURGERY",
                    "00C", LocalDate.of(2019, 7, 1)));
        }
        awaitMember(practice, network);
        return new String[] { network, practice };
    }

    /** Moves a practice from one network to another from a date (the registry's two events). */
    public static void movePractice(String practice, String from, String to, LocalDate lastDayInOld) {
        try (EventPublisher registry = new EventPublisher()) {
            registry.publish(Topics.REGISTRY, from, new PracticeLeftNetwork(from, practice, lastDayInOld));
            registry.publish(Topics.REGISTRY, to, new PracticeJoinedNetwork(to, practice, "TEST SURGERY", "00C",
                    lastDayInOld.plusDays(1)));
        }
    }

    /** Waits until the read model puts the practice in the network today (a referral from it is then accepted). */
    public static void awaitMember(String practice, String network) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                        uk.nhs.pcn.referral.referral.Referral.getEntityManager().createNativeQuery("""
                                SELECT count(*) FROM known_membership WHERE practice_code = ?1 AND network_code = ?2
                                  AND start_date <= current_date AND (end_date IS NULL OR end_date >= current_date)""")
                                .setParameter(1, practice).setParameter(2, network).getSingleResult()
                                .toString().equals("1")));
    }

    /** Publishes a link worker appointment (linkWorker: true) and waits until this service knows it. */
    public static String appointLinkWorker(String network, String wte, LocalDate start) {
        String appointment = UUID.randomUUID().toString();
        try (EventPublisher workforce = new EventPublisher()) {
            workforce.publish(Topics.WORKFORCE, network, new StaffAppointed(network, appointment, "LW-" + appointment
                    .substring(0, 8), "social-prescribing-link-worker", "Social prescribing link worker", true, new BigDecimal(wte), start, null));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                        uk.nhs.pcn.referral.linkworker.LinkWorker.findById(appointment) != null));
        return appointment;
    }

    public static void endAppointment(String network, String appointment, LocalDate lastDay) {
        try (EventPublisher workforce = new EventPublisher()) {
            workforce.publish(Topics.WORKFORCE, network, new AppointmentEnded(network, appointment, "social-prescribing-link-worker", true,
                    lastDay));
        }
    }

    /** A complete, valid referral body for a practice. */
    public static Map<String, Object> referral(String practice, String nhsNumber) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("nhsNumber", nhsNumber);
        person.put("givenName", "Testforename");
        person.put("familyName", "Testsurname");
        person.put("dateOfBirth", "1958-03-14");
        person.put("phone", "01632 960123");
        person.put("email", "person@example.org");
        person.put("address", "1 Test Street, Testtown");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("person", person);
        body.put("practiceCode", practice);
        body.put("source", "GP");
        body.put("needs", List.of("LONELINESS", "DEBT_AND_MONEY"));
        body.put("referrerNotes", "Lives alone since bereavement; worried about bills");
        body.put("consentToShare", true);
        return body;
    }

    /** Refers as a referrer of the practice; returns the answer's body (201 expected). */
    public static JsonPath refer(String practice, String nhsNumber) {
        return as(TestTokens.referrer("referrer-" + practice, practice)).body(referral(practice, nhsNumber))
                .post("/api/v1/referrals").then().statusCode(201).extract().jsonPath();
    }

    public static RequestSpecification asLinkWorker(String network) {
        return as(TestTokens.linkWorker("link-worker-" + network, network));
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType(ContentType.JSON);
    }

    /** Waits until the referral's assignment satisfies the check; returns its summary from the network list. */
    public static JsonPath awaitReferral(String network, String id, java.util.function.Predicate<JsonPath> check) {
        String path = "/api/v1/networks/" + network + "/referrals";
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            var list = asLinkWorker(network).get(path).then().statusCode(200).extract().jsonPath();
            Map<String, Object> found = list.getList("findAll { it.id == '" + id + "' }", Map.class).stream()
                    .findFirst().orElse(null);
            return found == null ? null : new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(found));
        }, j -> j != null && check.test(j));
    }
}
