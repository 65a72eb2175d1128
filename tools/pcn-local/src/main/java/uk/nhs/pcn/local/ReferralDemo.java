package uk.nhs.pcn.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.events.EventJson;
import uk.nhs.pcn.testsupport.JwtSigner;
import uk.nhs.pcn.testsupport.TestNhsNumbers;

/**
 * The referral part of the demo: practice staff refer made-up people to social prescribing in each demo network, and
 * the network's link worker (appointed by the workforce demo) takes some of them along the pathway, from acceptance
 * to discharge with outcome measures. Everything goes through referral-service's public API with the tokens the
 * people doing it would carry: a referrer's names the practice, a link worker's the network.
 * <p>
 * Every NHS number is from the range set aside for testing (999 000 0000 to 999 999 9999) and passes the Modulus 11
 * check; names, dates of birth and contact details are invented (telephone numbers from Ofcom's drama range). A
 * network that already has referrals (an earlier run) is left as it is.
 */
final class ReferralDemo {

    /** How far along the pathway the link worker takes a referral. */
    enum Stage { RECEIVED, DECLINED, ACCEPTED, FIRST_CONTACT, PLAN_AGREED, CONNECTED, DISCHARGED }

    /** A made-up person, who referred them, what for, and how far the demo takes them. */
    record Person(String givenName, String familyName, String dateOfBirth, String source, List<String> needs,
            String referrerNotes, Stage stage, String measure) {
    }

    /** Per demo network, in {@link DemoData#DEMO_NETWORKS} order: a spread of sources, needs and stages. */
    static final List<List<Person>> PEOPLE = List.of(
            List.of(
                    new Person("Ada", "Quillfeather", "1948-02-11", "GP", List.of("LONELINESS", "BEREAVEMENT"),
                            "Widowed last year; rarely leaves the house", Stage.DISCHARGED, "SWEMWBS"),
                    new Person("Bram", "Oakhollow", "1979-07-23", "PRACTICE_STAFF", List.of("DEBT_AND_MONEY",
                            "HOUSING"), "Behind on rent after losing hours at work", Stage.CONNECTED, "ONS4"),
                    new Person("Cressida", "Fernlow", "2001-11-02", "SELF_REFERRAL", List.of("MENTAL_WELLBEING",
                            "EMPLOYMENT"), "Looking for work and feeling low", Stage.FIRST_CONTACT, "WEMWBS"),
                    new Person("Dov", "Lanternby", "1957-04-30", "COMMUNITY_PHARMACY", List.of("LONG_TERM_CONDITION",
                            "PHYSICAL_ACTIVITY"), "Type 2 diabetes; would like to be more active", Stage.ACCEPTED,
                            null),
                    new Person("Elowen", "Brackenridge", "1990-09-14", "LOCAL_AUTHORITY", List.of("CARER_SUPPORT"),
                            "Cares full time for her mother", Stage.RECEIVED, null),
                    new Person("Fenwick", "Saltmarsh", "1966-12-05", "HOSPITAL_DISCHARGE", List.of("OTHER"),
                            "Already supported by the community mental health team", Stage.DECLINED, null)),
            List.of(
                    new Person("Greta", "Thistlecombe", "1953-06-18", "VOLUNTARY_SECTOR", List.of("LONELINESS",
                            "DIGITAL_INCLUSION"), "Would like to video-call her grandchildren", Stage.DISCHARGED,
                            "WEMWBS"),
                    new Person("Hallam", "Westerby", "1985-03-09", "GP", List.of("ALCOHOL_AND_SUBSTANCE_USE",
                            "MENTAL_WELLBEING"), "Drinking more since a relationship ended", Stage.PLAN_AGREED,
                            "ONS4"),
                    new Person("Isolde", "Pennyworth", "1971-10-27", "PRACTICE_STAFF", List.of("FOOD",
                            "DEBT_AND_MONEY"), "Skipping meals to pay for heating", Stage.RECEIVED, null)),
            List.of(
                    new Person("Jory", "Cobblestone", "1944-01-21", "GP", List.of("LONELINESS", "PHYSICAL_ACTIVITY"),
                            "Lost confidence after a fall", Stage.DISCHARGED, "ONS4"),
                    new Person("Kestrel", "Ambleside", "1998-05-06", "SELF_REFERRAL", List.of("EMPLOYMENT",
                            "HOUSING"), "Sofa-surfing while looking for work", Stage.ACCEPTED, null)),
            List.of(
                    new Person("Linnet", "Marlowgate", "1962-08-12", "COMMUNITY_PHARMACY", List.of(
                            "WEIGHT_MANAGEMENT", "LONG_TERM_CONDITION"), "Wants help to lose weight before surgery",
                            Stage.FIRST_CONTACT, "SWEMWBS"),
                    new Person("Merrick", "Dunholme", "1938-12-31", "HOSPITAL_DISCHARGE", List.of("LONELINESS",
                            "CARER_SUPPORT"), "Home after a stroke; his wife is his carer", Stage.RECEIVED, null)),
            List.of(
                    new Person("Nerys", "Holloway-Finch", "1976-02-29", "LOCAL_AUTHORITY", List.of(
                            "MENTAL_WELLBEING", "BEREAVEMENT"), "Struggling since her brother died",
                            Stage.CONNECTED, "WEMWBS"),
                    new Person("Orrin", "Quarrybank", "2004-07-15", "OTHER", List.of("EMPLOYMENT", "OTHER"),
                            "Left college; no plans yet", Stage.RECEIVED, null)));

    /** Scores at first contact and at discharge, each measure within its items' range (ONS4's "anxious" falls). */
    static final Map<String, List<List<Integer>>> SCORES = Map.of(
            "ONS4", List.of(List.of(4, 5, 3, 8), List.of(7, 7, 6, 4)),
            "WEMWBS", List.of(List.of(2, 2, 3, 2, 2, 3, 2, 2, 3, 2, 2, 3, 2, 2),
                    List.of(3, 4, 3, 3, 4, 3, 3, 4, 3, 3, 4, 3, 3, 4)),
            "SWEMWBS", List.of(List.of(2, 2, 2, 2, 2, 2, 2), List.of(3, 3, 4, 3, 3, 4, 3)));

    private final String referral;
    private final String registry;
    private final JwtSigner signer;
    private final String commissioner;
    private final String manager;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ReferralDemo(String referral, String registry, JwtSigner signer) {
        this.referral = referral;
        this.registry = registry;
        this.signer = signer;
        this.commissioner = signer.token("local-commissioner", List.of("commissioner"), List.of(),
                Duration.ofHours(1));
        this.manager = signer.token("demo-pcn-manager", List.of("pcn-manager"), DemoData.DEMO_NETWORKS,
                Duration.ofHours(1));
    }

    void show() throws IOException, InterruptedException {
        System.out.println("Waiting for referral-service to learn the demo networks' link workers from Kafka ...");
        awaitLinkWorkers();
        Iterator<String> nhsNumbers = TestNhsNumbers.sequence().iterator();
        for (int n = 0; n < DemoData.DEMO_NETWORKS.size(); n++) {
            String network = DemoData.DEMO_NETWORKS.get(n);
            List<Person> people = PEOPLE.get(n);
            List<String> practices = memberPractices(network);
            JsonNode existing = json(send("GET", referral + "/api/v1/networks/" + network + "/referrals", manager,
                    null), 200, "list the referrals of " + network);
            if (!existing.isEmpty()) {
                System.out.println("  " + network + " already has " + existing.size() + " referrals (an earlier run):"
                        + " left as they are");
                // Keep each person's NHS number the same from run to run.
                people.forEach(p -> nhsNumbers.next());
                continue;
            }
            String linkWorker = signer.token("demo-link-worker-" + network, List.of("link-worker"), List.of(network),
                    Duration.ofHours(1));
            for (int i = 0; i < people.size(); i++) {
                Person person = people.get(i);
                String practice = practices.get(i % practices.size());
                String id = refer(network, practice, person, nhsNumbers.next());
                moveAlong(id, person, linkWorker);
            }
            System.out.println("  " + network + ": " + people.size() + " referrals from " + Math.min(people.size(),
                    practices.size()) + " member practices, taken along the pathway by its link worker");
        }
        summary();
    }

    /** Polls each network's caseload as its PCN manager until referral-service knows a link worker there. */
    private void awaitLinkWorkers() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        for (String network : DemoData.DEMO_NETWORKS) {
            while (true) {
                HttpResponse<String> r = send("GET", referral + "/api/v1/networks/" + network + "/caseload", manager,
                        null);
                if (r.statusCode() == 200 && !EventJson.mapper().readTree(r.body()).path("linkWorkers").isEmpty()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("referral-service knows no link worker in " + network
                            + " after 5 minutes (" + r.statusCode() + "); see .pcn/logs/referral-service.log");
                }
                Thread.sleep(1000);
            }
        }
    }

    /** The network's current member practices, from the registry (the ePCN import). */
    private List<String> memberPractices(String network) throws IOException, InterruptedException {
        JsonNode view = json(send("GET", registry + "/api/v1/networks/" + network, commissioner, null), 200,
                "read network " + network + " from the registry");
        String today = LocalDate.now().toString();
        List<String> practices = new ArrayList<>();
        for (JsonNode member : view.path("members")) {
            if (!member.hasNonNull("to") || member.path("to").asText().compareTo(today) >= 0) {
                practices.add(member.path("practiceCode").asText());
            }
        }
        if (practices.isEmpty()) {
            throw new IllegalStateException("The registry lists no current member practice of " + network);
        }
        return practices;
    }

    /**
     * Refers the person as a referrer of the practice. referral-service learns memberships from the registry's events
     * at its own pace: while it does not yet know the practice's network (422), the referral is tried again.
     */
    private String refer(String network, String practice, Person person, String nhsNumber)
            throws IOException, InterruptedException {
        String referrer = signer.token("demo-referrer-" + practice, List.of("referrer"), List.of(), List.of(practice),
                Duration.ofHours(1));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("nhsNumber", nhsNumber);
        details.put("givenName", person.givenName());
        details.put("familyName", person.familyName());
        details.put("dateOfBirth", person.dateOfBirth());
        details.put("phone", String.format("01632 960%03d", Integer.parseInt(nhsNumber.substring(7))));
        details.put("email", person.givenName().toLowerCase() + "@example.org");
        details.put("address", "1 Demo Street, Exampletown");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("person", details);
        body.put("practiceCode", practice);
        body.put("source", person.source());
        body.put("needs", person.needs());
        body.put("referrerNotes", person.referrerNotes());
        body.put("consentToShare", true);
        String json = EventJson.mapper().writeValueAsString(body);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            HttpResponse<String> r = send("POST", referral + "/api/v1/referrals", referrer, json);
            if (r.statusCode() == 201) {
                JsonNode created = EventJson.mapper().readTree(r.body());
                if (!network.equals(created.path("networkCode").asText())) {
                    throw new IllegalStateException("A referral from " + practice + " went to "
                            + created.path("networkCode").asText() + ", not " + network);
                }
                return created.path("id").asText();
            }
            if (r.statusCode() != 422 || System.nanoTime() > deadline) {
                throw new IllegalStateException("Referral from " + practice + " refused (" + r.statusCode() + "): "
                        + r.body());
            }
            Thread.sleep(1000);
        }
    }

    /** The link worker's steps, as far as the person's stage. */
    private void moveAlong(String id, Person person, String linkWorker) throws IOException, InterruptedException {
        String base = referral + "/api/v1/referrals/" + id;
        Stage stage = person.stage();
        if (stage == Stage.RECEIVED) {
            return;
        }
        if (stage == Stage.DECLINED) {
            step(base + "/decline", linkWorker, Map.of("reason", "NOT_APPROPRIATE", "note",
                    "Already supported elsewhere"), 200);
            return;
        }
        step(base + "/accept", linkWorker, Map.of(), 200);
        if (stage == Stage.ACCEPTED) {
            return;
        }
        step(base + "/first-contact", linkWorker, Map.of("whatMatters", "Feeling part of something again",
                "note", "Met at the practice"), 200);
        step(base + "/outcomes", linkWorker, Map.of("measure", person.measure(), "timepoint", "FIRST_CONTACT",
                "items", SCORES.get(person.measure()).get(0)), 200);
        if (stage == Stage.FIRST_CONTACT) {
            return;
        }
        step(base + "/plan", linkWorker, Map.of("plan", "A weekly group, and advice on money and benefits"), 200);
        if (stage == Stage.PLAN_AGREED) {
            return;
        }
        String today = LocalDate.now().toString();
        step(base + "/connections", linkWorker, Map.of("serviceName", "Riverside walking group", "serviceType",
                "COMMUNITY", "mode", "SIGNPOSTED", "connectedOn", today), 201);
        step(base + "/connections", linkWorker, Map.of("serviceName", "Citizens Advice", "serviceType", "VOLUNTARY",
                "mode", "REFERRED", "connectedOn", today, "attended", true), 201);
        if (stage == Stage.CONNECTED) {
            return;
        }
        step(base + "/outcomes", linkWorker, Map.of("measure", person.measure(), "timepoint", "DISCHARGE",
                "items", SCORES.get(person.measure()).get(1)), 200);
        step(base + "/discharge", linkWorker, Map.of("reason", "GOALS_MET", "note", "Going to the group weekly"), 200);
    }

    private void step(String url, String linkWorker, Map<String, Object> body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", url, linkWorker, EventJson.mapper().writeValueAsString(body));
        if (r.statusCode() != expected) {
            throw new IllegalStateException("Pathway step " + url.substring(url.lastIndexOf('/') + 1) + " refused ("
                    + r.statusCode() + "): " + r.body());
        }
    }

    /** Each network's caseloads as its PCN manager sees them: counts, never a person. */
    private void summary() throws IOException, InterruptedException {
        System.out.println();
        System.out.println("Social prescribing caseloads today (what a PCN manager sees: counts, never a person):");
        for (String network : DemoData.DEMO_NETWORKS) {
            JsonNode caseload = json(send("GET", referral + "/api/v1/networks/" + network + "/caseload", manager,
                    null), 200, "read the caseload of " + network);
            for (JsonNode lw : caseload.path("linkWorkers")) {
                System.out.printf("  %s  link worker %-10s %4s WTE  %2d open of %3d a year  %s%n", network,
                        lw.path("staffReference").asText(), lw.path("wte").asText(), lw.path("openReferrals").asInt(),
                        lw.path("capacity").asInt(), lw.path("byState"));
            }
            System.out.println("  " + network + "  waiting in the queue: " + caseload.path("queue").path("waiting")
                    .asInt());
        }
        String network = DemoData.DEMO_NETWORKS.get(0);
        System.out.println("  a link worker's token (identifiable reads, the pathway): ./pcn token --role link-worker"
                + " --networks " + network);
        System.out.println("  a referrer's token (refer, read what they referred):   ./pcn token --role referrer"
                + " --practice <a member practice>");
        System.out.println("  who read whom (the access audit):                     ./pcn token --role ig-lead"
                + " --networks " + network);
        System.out.println("  curl -H \"Authorization: Bearer $(./pcn token --role pcn-manager --networks " + network
                + ")\" '" + referral + "/api/v1/networks/" + network + "/reports/referrals?month="
                + java.time.YearMonth.now() + "'");
    }

    private JsonNode json(HttpResponse<String> response, int expected, String what) throws IOException {
        if (response.statusCode() != expected) {
            throw new IllegalStateException("Could not " + what + " (" + response.statusCode() + "): "
                    + response.body());
        }
        return EventJson.mapper().readTree(response.body());
    }

    private HttpResponse<String> send(String method, String url, String bearer, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
