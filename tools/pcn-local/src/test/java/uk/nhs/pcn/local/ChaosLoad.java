package uk.nhs.pcn.local;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import com.fasterxml.jackson.core.JsonProcessingException;

import uk.nhs.pcn.events.EventJson;
import uk.nhs.pcn.testsupport.JwtSigner;
import uk.nhs.pcn.testsupport.TestNhsNumbers;

/**
 * The chaos run's load: mixed writes across the four services' write APIs, from several client threads, as real
 * clients would send them. A client re-sends a request that never reached the service (connection refused or not
 * made) whatever it is; a request whose answer was lost (connection reset, timeout, a 5xx) only where the API is
 * idempotent for that request: its key is unique to this write, so a 409 answer to the re-send means the lost
 * attempt was applied; or, for appointing staff, it carries an {@code Idempotency-Key}, so a re-send gets the first
 * attempt's answer (or a 409 while that attempt is still in flight, and is sent again).
 */
final class ChaosLoad {

    /** The setup: networks and member practices every later write refers to. */
    static final int NETWORKS = 10;
    static final int PRACTICES_PER_NETWORK = 2;
    static final LocalDate NETWORK_OPEN = LocalDate.of(2020, 4, 1);

    enum Kind {
        REGISTER_PRACTICE("registry-service", true), JOIN_NETWORK("registry-service", true),
        RECORD_LIST_SIZE("registry-service", true), REGISTER_NETWORK("registry-service", true),
        APPOINT_STAFF("workforce-service", true), ALIGN_BEDS("funding-service", true),
        REFER("referral-service", true);

        final String service;
        final boolean idempotent;

        Kind(String service, boolean idempotent) {
            this.service = service;
            this.idempotent = idempotent;
        }
    }

    /** The mix, by the write's index modulo 10. */
    static final Kind[] MIX = { Kind.REGISTER_PRACTICE, Kind.REGISTER_PRACTICE, Kind.JOIN_NETWORK,
            Kind.RECORD_LIST_SIZE, Kind.REGISTER_NETWORK, Kind.APPOINT_STAFF, Kind.APPOINT_STAFF, Kind.ALIGN_BEDS,
            Kind.REFER, Kind.REFER };

    enum Outcome {
        /** A 2xx answer. */
        ACKNOWLEDGED,
        /** The answer to an attempt was lost; an idempotent re-send was answered 409: the lost attempt was applied. */
        APPLIED_ANSWER_LOST,
        /** A 4xx answer to the first attempt that reached the service (not acknowledged). */
        REFUSED,
        /** The answer was lost and the request is not idempotent: not re-sent, applied or not. */
        UNKNOWN,
        /** Still failing when the client's patience (4 minutes) ran out. */
        GAVE_UP
    }

    /** One write: what it is, its unique key values (what the checks look for), and how it went. */
    static final class Write {
        final int index;
        final Kind kind;
        final Map<String, String> key;
        final String path;
        final String token;
        final String body;
        /** Sent as the {@code Idempotency-Key} header where the API takes one (appointing staff), else null. */
        final String idempotencyKey;
        Outcome outcome;
        int status;
        int attempts;
        int lostAnswers;
        String refusal;

        Write(int index, Kind kind, Map<String, String> key, String path, String token, String body) {
            this.index = index;
            this.kind = kind;
            this.key = key;
            this.path = path;
            this.token = token;
            this.body = body;
            this.idempotencyKey = kind == Kind.APPOINT_STAFF ? UUID.randomUUID().toString() : null;
        }

        boolean acknowledged() {
            return outcome == Outcome.ACKNOWLEDGED || outcome == Outcome.APPLIED_ANSWER_LOST;
        }
    }

    private final ChaosPlatform platform;
    private final String commissioner;
    private final String manager;
    private final String referrer;
    private final List<String> nhsNumbers;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    final AtomicInteger completed = new AtomicInteger();
    /** Clients start no write with this index or above until the fault controller raises it. */
    volatile int gate = Integer.MAX_VALUE;
    /** Requests sent, answers by status class: [connection failures, 2xx, 4xx, 5xx, lost answers]. */
    final AtomicLongArray requests = new AtomicLongArray(5);
    final Map<Integer, AtomicInteger> statuses = new TreeMap<>();

    ChaosLoad(ChaosPlatform platform, int writes) {
        this.platform = platform;
        JwtSigner signer = platform.signer;
        this.commissioner = signer.token("chaos-commissioner", List.of("commissioner"), List.of(), Duration.ofHours(6));
        this.manager = signer.token("chaos-pcn-manager", List.of("pcn-manager"), networks(), Duration.ofHours(6));
        this.referrer = signer.token("chaos-referrer", List.of("referrer"), List.of(), setupPractices(),
                Duration.ofHours(6));
        this.nhsNumbers = TestNhsNumbers.sequence().limit(writes).toList();
    }

    static List<String> networks() {
        List<String> codes = new ArrayList<>();
        for (int n = 0; n < NETWORKS; n++) {
            codes.add(String.format("U%05d", 70000 + n));
        }
        return codes;
    }

    static List<String> setupPractices() {
        List<String> codes = new ArrayList<>();
        for (int p = 0; p < NETWORKS * PRACTICES_PER_NETWORK; p++) {
            codes.add(String.format("Y%05d", 70000 + p));
        }
        return codes;
    }

    /** The setup writes (before any fault): the networks, their practices and memberships, each acknowledged. */
    List<Write> setup() throws InterruptedException {
        List<Write> writes = new ArrayList<>();
        List<String> practices = setupPractices();
        for (int n = 0; n < NETWORKS; n++) {
            String network = networks().get(n);
            writes.add(write(-1, Kind.REGISTER_NETWORK, Map.of("code", network), "/api/v1/networks", commissioner,
                    Map.of("code", network, "name", "Chaos network " + n, "commissionerCode", "99Z",
                            "openDate", NETWORK_OPEN.toString())));
            for (int p = 0; p < PRACTICES_PER_NETWORK; p++) {
                String practice = practices.get(n * PRACTICES_PER_NETWORK + p);
                writes.add(registerPractice(-1, practice));
                writes.add(join(-1, practice, network));
            }
        }
        for (Write w : writes) {
            execute(w);
            if (!w.acknowledged()) {
                throw new IllegalStateException("Setup write " + w.kind + " " + w.key + " failed: " + w.outcome
                        + " " + w.status + " " + w.refusal);
            }
        }
        return writes;
    }

    /** Runs the writes from {@code threads} client threads; returns every write with its outcome. */
    List<Write> run(int count, int threads) throws InterruptedException {
        Write[] results = new Write[count];
        AtomicInteger next = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread client = new Thread(() -> {
                Deque<String> registered = new ArrayDeque<>();
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    Write w = plan(i, registered);
                    try {
                        while (i >= gate) {
                            Thread.sleep(20);
                        }
                        execute(w);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (w.kind == Kind.REGISTER_PRACTICE && w.acknowledged()) {
                        registered.add(w.key.get("code"));
                    }
                    results[i] = w;
                    completed.incrementAndGet();
                }
            }, "chaos-client-" + t);
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            client.join();
        }
        return List.of(results);
    }

    /** The i-th write of the mix; a join needs a practice this client registered (else it registers one). */
    private Write plan(int i, Deque<String> registered) {
        Kind kind = MIX[i % MIX.length];
        int slot = i / MIX.length;
        List<String> networks = networks();
        List<String> practices = setupPractices();
        if (kind == Kind.JOIN_NETWORK && registered.isEmpty()) {
            kind = Kind.REGISTER_PRACTICE;
        }
        return switch (kind) {
            case REGISTER_PRACTICE -> registerPractice(i, String.format("Y%05d", 10000 + i));
            case JOIN_NETWORK -> join(i, registered.poll(), networks.get(i % networks.size()));
            case RECORD_LIST_SIZE -> {
                String practice = practices.get(i % practices.size());
                String asAt = LocalDate.of(2021, 1, 1).plusDays(slot).toString();
                String registeredPatients = Integer.toString(5000 + i);
                yield write(i, kind, Map.of("practice", practice, "asAt", asAt, "registered", registeredPatients),
                        "/api/v1/practices/" + practice + "/list-sizes", commissioner,
                        Map.of("asAt", asAt, "registeredPatients", 5000 + i));
            }
            case REGISTER_NETWORK -> {
                String code = String.format("U%05d", 80000 + slot);
                yield write(i, kind, Map.of("code", code), "/api/v1/networks", commissioner, Map.of("code", code,
                        "name", "Chaos network " + code, "commissionerCode", "99Z", "openDate", "2021-04-01"));
            }
            case APPOINT_STAFF -> {
                String network = networks.get(i % networks.size());
                String reference = "CHAOS-" + i;
                String role = i % 2 == 0 ? "clinical-pharmacist" : "social-prescribing-link-worker";
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("staffReference", reference);
                body.put("roleCode", role);
                body.put("wte", new BigDecimal("0.5"));
                body.put("startDate", "2024-04-01");
                body.put("employingOrganisation", "Chaos practice");
                body.put("fullTimeAnnualSalary", new BigDecimal("40000"));
                body.put("fullTimeAnnualOnCosts", new BigDecimal("9000"));
                yield write(i, kind, Map.of("staffReference", reference, "network", network),
                        "/api/v1/networks/" + network + "/staff", manager, body);
            }
            case ALIGN_BEDS -> {
                String network = networks.get(slot % networks.size());
                String from = LocalDate.of(2021, 4, 1).plusDays(slot).toString();
                yield write(i, kind, Map.of("network", network, "from", from, "beds", Integer.toString(i % 200)),
                        "/api/v1/networks/" + network + "/care-home-beds", commissioner,
                        Map.of("from", from, "beds", i % 200));
            }
            case REFER -> {
                String practice = practices.get(i % practices.size());
                String nhsNumber = nhsNumbers.get(i);
                Map<String, Object> person = new LinkedHashMap<>();
                person.put("nhsNumber", nhsNumber);
                person.put("givenName", "Chaos");
                person.put("familyName", "Person " + i);
                person.put("dateOfBirth", "1970-01-01");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("person", person);
                body.put("practiceCode", practice);
                body.put("source", "GP");
                body.put("needs", List.of("LONELINESS"));
                body.put("consentToShare", true);
                yield write(i, kind, Map.of("nhsNumber", nhsNumber, "practice", practice), "/api/v1/referrals",
                        referrer, body);
            }
        };
    }

    private Write registerPractice(int i, String code) {
        return write(i, Kind.REGISTER_PRACTICE, Map.of("code", code), "/api/v1/practices", commissioner,
                Map.of("code", code, "name", "Chaos practice " + code, "commissionerCode", "99Z"));
    }

    private Write join(int i, String practice, String network) {
        String from = NETWORK_OPEN.plusYears(1).toString();
        return write(i, Kind.JOIN_NETWORK, Map.of("practice", practice, "network", network, "from", from),
                "/api/v1/practices/" + practice + "/memberships", commissioner,
                Map.of("networkCode", network, "from", from));
    }

    private static Write write(int i, Kind kind, Map<String, String> key, String path, String token, Object body) {
        try {
            return new Write(i, kind, key, path, token, EventJson.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the write as a real client would, re-sending only what is safe to re-send. */
    void execute(Write w) throws InterruptedException {
        String url = platform.services.get(w.kind.service).baseUrl() + w.path;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + w.token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(w.body));
        if (w.idempotencyKey != null) {
            builder.header("Idempotency-Key", "\"" + w.idempotencyKey + "\"");
        }
        HttpRequest request = builder.build();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (true) {
            w.attempts++;
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                w.status = r.statusCode();
                count(r.statusCode());
                if (r.statusCode() / 100 == 2) {
                    w.outcome = Outcome.ACKNOWLEDGED;
                    return;
                }
                if (r.statusCode() == 409 && w.idempotencyKey != null
                        && r.body().contains("idempotency-key-in-flight")) {
                    // The lost attempt is still being processed: send again later to get its answer.
                } else {
                    if (r.statusCode() == 409 && w.lostAnswers > 0 && w.kind.idempotent
                            && w.idempotencyKey == null) {
                        w.outcome = Outcome.APPLIED_ANSWER_LOST;
                        return;
                    }
                    if (r.statusCode() / 100 == 4 && r.statusCode() != 408 && r.statusCode() != 429) {
                        w.outcome = Outcome.REFUSED;
                        w.refusal = r.body().length() > 300 ? r.body().substring(0, 300) : r.body();
                        return;
                    }
                    // 5xx, 408, 429: the request reached the service; whether it was applied is not known.
                    w.lostAnswers++;
                    if (!w.kind.idempotent) {
                        w.outcome = Outcome.UNKNOWN;
                        return;
                    }
                }
            } catch (ConnectException | HttpConnectTimeoutException e) {
                requests.incrementAndGet(0); // never reached the service: safe to send again
            } catch (IOException e) {
                requests.incrementAndGet(4);
                w.lostAnswers++;
                if (!w.kind.idempotent) {
                    w.outcome = Outcome.UNKNOWN;
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                w.outcome = Outcome.GAVE_UP;
                return;
            }
            Thread.sleep(Math.min(2000, 100L << Math.min(w.attempts, 5)));
        }
    }

    private void count(int status) {
        requests.incrementAndGet(status / 100 == 2 ? 1 : status / 100 == 4 ? 2 : 3);
        synchronized (statuses) {
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Outcomes by kind, for the report. */
    static Map<Kind, Map<Outcome, Integer>> tally(List<Write> writes) {
        Map<Kind, Map<Outcome, Integer>> tally = new EnumMap<>(Kind.class);
        for (Write w : writes) {
            tally.computeIfAbsent(w.kind, k -> new EnumMap<>(Outcome.class)).merge(w.outcome, 1, Integer::sum);
        }
        return tally;
    }
}
