package uk.nhs.pcn.testsupport.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.sql.DataSource;

/**
 * Sends a running service thousands of generated bad requests across every write operation its OpenAPI document
 * describes, and fails once, at the end, listing everything found.
 *
 * <p>From the document ({@code /q/openapi?format=json}) it builds a valid request per operation (the test seeds what
 * must exist: path codes, ids, sample files), then mutations of it: every body field wrong-typed, left out, given
 * numbers at and past its bounds, impossible dates, text with NUL bytes, control characters and unpaired surrogates,
 * 100,000 characters; unknown fields; malformed JSON; wrong content types; blank, malformed, very long and unicode
 * path values; bad query values; broken files and forms; and no, expired, garbage, wrongly signed, wrong-role and
 * other-network tokens. Then random ones from a seeded {@link Random} (the seed is printed; replay a run with
 * {@code -Dpcn.fuzz.seed=<seed>}) until the run has sent at least {@link #requests(int)} requests.
 *
 * <p>Requests that break the document must all be refused, and are sent first: the database (every table of the
 * service's schema) must be exactly as before once they are answered, and any that was accepted is listed. The odd
 * but valid ones (a date in year 0, control characters in free text) follow, held to the rest. Every answer must be
 * a non-5xx; every 4xx {@code application/problem+json} with the Problem shape, naming the field at fault; a wrong
 * token gets 401/403 whatever the body. Requests go through one shared {@link HttpClient}, so REST Assured's
 * OpenAPI validation filter does not see these deliberately bad requests.
 */
public final class RequestFuzzer {

    /** The seed when {@code -Dpcn.fuzz.seed} does not give one. */
    public static final long DEFAULT_SEED = 20240229L;

    /** Every role the platform's tokens carry. */
    public static final List<String> ROLES = List.of("commissioner", "pcn-manager", "link-worker", "referrer",
            "finance", "viewer", "ig-lead");

    /** Roles that act only for the networks (or practices) their token names. */
    public static final Set<String> SCOPED_ROLES = Set.of("pcn-manager", "link-worker", "referrer", "ig-lead");

    private final URI base;
    private DataSource database;
    private FuzzTokens.Scope scope = new FuzzTokens.Scope(List.of(), List.of());
    private FuzzTokens.Scope otherScope;
    private final Map<String, OperationSeed> seeds = new LinkedHashMap<>();
    private int requests = 10_000;
    private long seed = Long.getLong("pcn.fuzz.seed", DEFAULT_SEED);
    private int concurrency = Integer.getInteger("pcn.fuzz.concurrency", 4);
    /** With -Dpcn.fuzz.trace=true: every request's status, operation, mutation and target, for replaying one. */
    private java.io.PrintWriter trace;

    private RequestFuzzer(URI base) {
        String uri = base.toString();
        this.base = URI.create(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri);
    }

    /** Fuzzes the service at this root URI (e.g. {@code TestHTTPResourceManager.getUri()}). */
    public static RequestFuzzer of(URI base) {
        return new RequestFuzzer(base);
    }

    /** The service's database, fingerprinted before and after the requests that must be refused. */
    public RequestFuzzer database(DataSource dataSource) {
        this.database = dataSource;
        return this;
    }

    /** The networks and practices the valid tokens speak for (what the seeded path values belong to). */
    public RequestFuzzer scope(List<String> networks, List<String> practices) {
        this.scope = new FuzzTokens.Scope(networks, practices);
        return this;
    }

    /** Another network (and practices) that exists: a token for it must not act on the seeded one. */
    public RequestFuzzer otherScope(List<String> networks, List<String> practices) {
        this.otherScope = new FuzzTokens.Scope(networks, practices);
        return this;
    }

    /** What the test knows about one operation (by operationId): see {@link OperationSeed}. */
    public RequestFuzzer operation(String operationId, Consumer<OperationSeed> seeding) {
        seeding.accept(seeds.computeIfAbsent(operationId, id -> new OperationSeed()));
        return this;
    }

    /** The least number of requests the run sends (asserted). */
    public RequestFuzzer requests(int atLeast) {
        this.requests = atLeast;
        return this;
    }

    public RequestFuzzer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How many requests are in flight at once (-Dpcn.fuzz.concurrency overrides the default of 4). */
    public RequestFuzzer concurrency(int concurrency) {
        this.concurrency = concurrency;
        return this;
    }

    /** What a run did. */
    public record Result(int requests, int mustRefuse, int operations, Map<String, Integer> perOperation,
            long seed, Duration took) {
    }

    /**
     * Plans and sends the requests, checks every answer and the database, prints the report, and throws one
     * {@link AssertionError} listing every finding if there is any.
     */
    public Result run() {
        if (database == null) {
            throw new IllegalStateException("Give the service's database: .database(dataSource)");
        }
        long started = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ApiDocument document = ApiDocument.parse(get(http, "/q/openapi?format=json"));
        String service = document.title();
        List<ApiOperation> operations = document.writeOperations();
        Set<String> known = new HashSet<>();
        operations.forEach(op -> known.add(op.id()));
        for (String id : seeds.keySet()) {
            if (!known.contains(id)) {
                throw new IllegalStateException("The test seeds operation '" + id + "', which " + service
                        + "'s document does not have as a write operation: " + known);
            }
        }

        Random random = new Random(seed);
        Schemas schemas = new Schemas(document);
        FuzzTokens tokens = new FuzzTokens(scope, otherScope, SCOPED_ROLES, ROLES);
        List<Target> targets = new ArrayList<>();
        for (ApiOperation op : operations) {
            targets.add(new Target(op, schemas, seeds.getOrDefault(op.id(), new OperationSeed()), random));
        }
        CasePlanner planner = new CasePlanner(schemas, tokens, random);
        List<FuzzCase> cases = new ArrayList<>();
        targets.forEach(t -> cases.addAll(planner.systematic(t)));
        int systematic = cases.size();
        while (cases.size() < requests) {
            cases.add(planner.random(targets.get(random.nextInt(targets.size()))));
        }
        List<FuzzCase> refuse = cases.stream().filter(FuzzCase::mustRefuse).toList();
        List<FuzzCase> lenient = cases.stream().filter(c -> !c.mustRefuse()).toList();
        Map<String, Integer> perOperation = new TreeMap<>();
        cases.forEach(c -> perOperation.merge(c.operation().label(), 1, Integer::sum));
        System.out.printf("%nRequest fuzz of %s: seed %d (replay with -Dpcn.fuzz.seed=%d); %d requests over %d write "
                + "operations (%d systematic, %d random): %d must be refused, %d odd but valid%n", service, seed, seed,
                cases.size(), operations.size(), systematic, cases.size() - systematic, refuse.size(), lenient.size());

        FuzzReport report = new FuzzReport();
        if (Boolean.getBoolean("pcn.fuzz.trace")) {
            trace = open(service);
        }
        DatabaseFingerprint before = DatabaseFingerprint.settled(database, Duration.ofSeconds(30));
        if (before == null) {
            report.add("(database)", "the database never settled before the run", "database", "fingerprint", "", "",
                    "two fingerprints a second apart never agreed within 30 s; nothing was compared");
        }
        long phase = System.nanoTime();
        AtomicInteger accepted = new AtomicInteger();
        send(http, refuse, report, accepted);
        System.out.printf("  %d requests that must be refused answered in %.1f s; %d accepted%n", refuse.size(),
                (System.nanoTime() - phase) / 1e9, accepted.get());
        if (before != null) {
            if (accepted.get() == 0) {
                DatabaseFingerprint after = DatabaseFingerprint.settled(database, Duration.ofSeconds(30));
                if (after == null) {
                    report.add("(database)", "the database kept changing after the refused requests", "database",
                            "fingerprint", "", "", "two fingerprints a second apart never agreed within 30 s");
                } else {
                    for (String difference : before.differences(after)) {
                        report.add("(database)", "changed although every request was refused", "database",
                                "every table but flyway_schema_history", "", "", difference);
                    }
                }
            } else {
                System.out.printf("  database not compared: %d requests that must be refused were accepted (listed)%n",
                        accepted.get());
            }
        }
        phase = System.nanoTime();
        send(http, lenient, report, new AtomicInteger());
        System.out.printf("  %d odd but valid requests answered in %.1f s%n", lenient.size(),
                (System.nanoTime() - phase) / 1e9);

        if (trace != null) {
            trace.close();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String summary = String.format("Request fuzz of %s, seed %d: %d requests (%d must be refused) over %d write "
                + "operations in %.1f s. Statuses: %s.", service, seed, cases.size(), refuse.size(), operations.size(),
                took.toMillis() / 1000.0, report.statuses());
        String text = summary + (report.isEmpty() ? "\nNo findings.\n"
                : "\n" + report.distinct() + " distinct findings from " + report.failedRequests() + " requests:\n"
                        + report.render());
        System.out.println(text);
        write(service, text);
        if (cases.size() < requests) {
            throw new AssertionError("Only " + cases.size() + " requests were sent; the run must send " + requests);
        }
        if (!report.isEmpty()) {
            throw new AssertionError(text);
        }
        return new Result(cases.size(), refuse.size(), operations.size(), perOperation, seed, took);
    }

    private void send(HttpClient http, List<FuzzCase> cases, FuzzReport report, AtomicInteger accepted) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            for (FuzzCase c : cases) {
                pool.execute(() -> {
                    HttpResponse<byte[]> response = exchange(http, c, report);
                    if (response != null) {
                        report.status(response.statusCode());
                        if (trace != null) {
                            synchronized (trace) {
                                trace.printf("%d%s\t%s\t[%s] %s %s\t%s %s%n", response.statusCode(),
                                        c.mustRefuse() ? "" : " (odd but valid)", c.operation().id(), c.kind(),
                                        c.mutation(), c.value(), c.operation().method(), c.pathAndQuery());
                            }
                        }
                        if (c.mustRefuse() && response.statusCode() < 400) {
                            accepted.incrementAndGet();
                        }
                        report.record(c, ResponseCheck.check(c, response.statusCode(),
                                response.headers().firstValue("Content-Type").orElse(null), response.body()));
                    }
                });
            }
        } finally {
            pool.shutdown();
        }
        try {
            if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                pool.shutdownNow();
                throw new AssertionError("The fuzz requests did not finish within 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> exchange(HttpClient http, FuzzCase c, FuzzReport report) {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + c.pathAndQuery()))
                    .timeout(Duration.ofSeconds(30))
                    .method(c.operation().method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(c.body()))
                    .header("Accept", "application/json");
            if (c.contentType() != null) {
                builder.header("Content-Type", c.contentType());
            }
            if (c.authorization() != null) {
                builder.header("Authorization", c.authorization());
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            report.add(c.operation().label(), "the harness could not send it", c.kind(), c.mutation(), c.value(),
                    c.pathAndQuery(), e.getMessage());
            return null;
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            // The last attempt on a connection of its own: a pooled one the server had closed is not a finding.
            HttpClient client = attempt < 2 ? http : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        report.add(c.operation().label() + "  (" + c.operation().id() + ")", "no answer", c.kind(), c.mutation(),
                c.value(), c.operation().method() + " " + c.pathAndQuery(), String.valueOf(last));
        return null;
    }

    private String get(HttpClient http, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(base + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + base + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static java.io.PrintWriter open(String service) {
        try {
            Path file = Path.of("target", "request-fuzz-" + service.replaceAll("[^A-Za-z0-9-]+", "-") + "-trace.txt");
            Files.createDirectories(file.getParent());
            System.out.println("  tracing every request to " + file.toAbsolutePath());
            return new java.io.PrintWriter(Files.newBufferedWriter(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps the last report in target/ (the module's build directory) for reading after the run. */
    private static void write(String service, String text) {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            try {
                Files.writeString(target.resolve("request-fuzz-" + service.replaceAll("[^A-Za-z0-9-]+", "-")
                        + ".txt"), text);
            } catch (IOException e) {
                System.out.println("(could not keep the report in target/: " + e + ")");
            }
        }
    }
}
