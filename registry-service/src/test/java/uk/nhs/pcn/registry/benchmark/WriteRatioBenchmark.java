package uk.nhs.pcn.registry.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import uk.nhs.pcn.registry.RegistryTestSupport;
import uk.nhs.pcn.testsupport.PostgresServer;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * API writes against PostgreSQL's own speed, in one run on one machine (docs/benchmarks.md): raw single-row inserts
 * with {@code pgbench} (one row per transaction into a scratch table of a scratch database) and the registry's
 * list-size write ({@code POST /api/v1/practices/{code}/list-sizes}: validate, lock the practice, store, look up
 * its network, write the event to the outbox, commit, relay to Kafka) with the same number of concurrent clients
 * for the same time, from clients as lean as pgbench's (plain HTTP/1.1 on kept-alive sockets). Reports throughput,
 * p50/p99 and the ratio; the CPU each row or write cost, measured per thread kind of this JVM (service, broker,
 * relay, clients) and per process (PostgreSQL, pgbench); checks that each acknowledged write put exactly one event
 * on the topic; and, in a separate phase (sampling slows the load), a JFR profile of where the service's time
 * goes. Run with {@code ./pcn bench}.
 * <p>
 * {@code -Dpcn.bench.clients=8}, {@code -Dpcn.bench.seconds=15}, {@code -Dpcn.bench.profile=false} change it.
 */
@QuarkusTest
@Tag("benchmark")
class WriteRatioBenchmark {

    static final int CLIENTS = Integer.getInteger("pcn.bench.clients", 8);
    static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("pcn.bench.seconds", 15));
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("pcn.bench.warm-up-seconds", 30));
    static final int PRACTICES = 200;
    static final boolean PROFILE = Boolean.parseBoolean(System.getProperty("pcn.bench.profile", "true"));

    @Inject
    AgroalDataSource dataSource;

    final String bearer = TestTokens.bearer(TestTokens.commissioner());
    final StringBuilder report = new StringBuilder();

    /** Each write's registered patients: never the same twice, so each write is a change. */
    final AtomicInteger figures = new AtomicInteger(1000);

    /** CPU time of the load's client threads, which have ended by the time the phase's CPU is counted. */
    final java.util.concurrent.atomic.AtomicLong clientCpuNanos = new java.util.concurrent.atomic.AtomicLong();

    record Load(int requests, double perSecond, double p50Millis, double p99Millis, double maxMillis) {
    }

    @Test
    void measure() throws Exception {
        List<String> practices = new ArrayList<>();
        for (int i = 0; i < PRACTICES; i++) {
            practices.add(RegistryTestSupport.registerPractice());
        }
        apiLoad(practices, WARM_UP, null);
        awaitOutboxDrained();
        CpuAccount beforeRaw = CpuAccount.now();
        Load raw = pgbench();
        Map<String, Double> rawCpu = CpuAccount.now().perUnitSince(beforeRaw, raw.requests,
                WriteRatioBenchmark::threadKind);
        String loadAfterRaw = loadAverage();
        awaitOutboxDrained();
        long eventsBefore = outboxRows();
        CpuAccount beforeApi = CpuAccount.now();
        clientCpuNanos.set(0);
        Load api = apiLoad(practices, MEASURE, null);
        // The relay's and the broker's share of the load is done once the outbox has drained.
        awaitOutboxDrained();
        assertThat(outboxRows() - eventsBefore).as("events written and published, one per acknowledged write")
                .isEqualTo(api.requests);
        CpuAccount afterApi = CpuAccount.now();
        Map<String, Double> apiCpu = afterApi.perUnitSince(beforeApi, api.requests, WriteRatioBenchmark::threadKind);
        Map<String, Double> apiThreads = afterApi.perUnitSince(beforeApi, api.requests,
                name -> name.replaceAll("[0-9]+", "N"));
        // The client threads ended before the count: their CPU is in the JVM's remainder; shown as theirs.
        double clientMillis = clientCpuNanos.get() / 1e6 / api.requests;
        apiCpu.merge("JVM: GC, JIT and other native threads", -clientMillis, Double::sum);
        apiCpu.put("JVM: benchmark client (" + CLIENTS + " threads, plain HTTP/1.1)", clientMillis);
        String loadAfterApi = loadAverage();

        line("Clients (same for both), measured for", CLIENTS + " / " + MEASURE.toSeconds() + " s");
        line("Raw single-row inserts (pgbench, one row per transaction)", String.format("%,.0f rows/s", raw.perSecond));
        line("... latency p50 / p99", String.format("%.2f ms / %.2f ms", raw.p50Millis, raw.p99Millis));
        line("API list-size writes (201, each published to Kafka)", String.format("%,.0f writes/s (%,d)",
                api.perSecond, api.requests));
        line("... latency p50 / p99 / max", String.format("%.1f ms / %.1f ms / %.1f ms", api.p50Millis,
                api.p99Millis, api.maxMillis));
        line("Ratio API / raw", String.format("%.1f %%", 100 * api.perSecond / raw.perSecond));
        line("Machine load average (1 min) after pgbench / after the API load (other processes included)",
                loadAfterRaw + " / " + loadAfterApi);
        report.append("\nCPU per row or write, measured (ms; thread and process CPU times, kernel time included):\n\n")
                .append("| where | per pgbench row | per API write |\n|---|---|---|\n");
        java.util.Set<String> where = new java.util.TreeSet<>(rawCpu.keySet());
        where.addAll(apiCpu.keySet());
        double rawTotal = 0;
        double apiTotal = 0;
        for (String w : where) {
            double r = rawCpu.getOrDefault(w, 0.0);
            double a = apiCpu.getOrDefault(w, 0.0);
            rawTotal += r;
            apiTotal += a;
            if (r >= 0.005 || a >= 0.005) {
                report.append(String.format("| %s | %.3f | %.3f |%n", w, r, a));
            }
        }
        report.append(String.format("| **all** | **%.3f** | **%.3f** |%n", rawTotal, apiTotal));
        report.append("\nJVM threads by name, CPU per API write (ms), the largest:\n\n| thread | ms |\n|---|---|\n");
        apiThreads.entrySet().stream().filter(e -> e.getKey().startsWith("JVM: "))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                .forEach(e -> report.append(String.format("| %s | %.3f |%n", e.getKey().substring(5), e.getValue())));
        if (PROFILE) {
            // A separate phase: sampling every thread's stack every 10 ms slows this load by more than half, so
            // the recording gives where the time goes, not how fast the service is.
            Path jfr = Path.of("target/write-ratio.jfr");
            awaitOutboxDrained();
            Load profiled = apiLoad(practices, Duration.ofSeconds(10), jfr);
            report.append(String.format("%nProfile: a further 10 s of the same load with JFR execution samples "
                    + "(%,.0f writes/s while recording; the figures above are without it)%n", profiled.perSecond));
            report.append("\n").append(profile(jfr));
        }
        Path out = Path.of("target/benchmark-write-ratio.md");
        Files.writeString(out, report.toString());
        System.out.println("\n==== registry-service write ratio ====\n" + report + "(written to "
                + out.toAbsolutePath() + ")\n");
    }

    /** {@code CLIENTS} threads posting list sizes (each a change, so each is stored and published) for a while. */
    private Load apiLoad(List<String> practices, Duration duration, Path jfr) throws Exception {
        URI base = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
        long[][] latencies = new long[CLIENTS][];
        AtomicInteger refused = new AtomicInteger();
        Recording recording = null;
        if (jfr != null) {
            // Execution samples only: JFR's "profile" settings (allocation, socket and lock events besides) cost this
            // load about three quarters of its throughput, which made the earlier figures here far too low.
            recording = new Recording();
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS, r -> new Thread(r, "bench-client"));
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            futures.add(pool.submit(() -> {
                try (PlainHttpClient http = new PlainHttpClient(base.getHost(), base.getPort())) {
                    return postListSizes(http, practices, deadline, refused);
                }
            }));
        }
        for (int t = 0; t < CLIENTS; t++) {
            latencies[t] = futures.get(t).get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (recording != null) {
            recording.stop();
            recording.dump(jfr);
            recording.close();
        }
        assertThat(refused).as("writes not answered 201").hasValue(0);
        List<Long> all = new ArrayList<>();
        for (long[] l : latencies) {
            for (long v : l) {
                all.add(v);
            }
        }
        return load(all, seconds);
    }

    /** One client's load: list-size writes (each a change) for random practices and dates until the deadline. */
    private long[] postListSizes(PlainHttpClient http, List<String> practices, long deadline, AtomicInteger refused)
            throws IOException {
        long[] micros = new long[1 << 16];
        int n = 0;
        long cpuAtStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            String practice = practices.get(random.nextInt(practices.size()));
            // A figure no earlier write sent, so that every write changes what is held and publishes an event.
            String body = "{\"asAt\":\"" + LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1500))
                    + "\",\"registeredPatients\":" + figures.incrementAndGet() + "}";
            long sent = System.nanoTime();
            int status = http.postJson("/api/v1/practices/" + practice + "/list-sizes", bearer, body);
            long took = (System.nanoTime() - sent) / 1000;
            if (status != 201) {
                refused.incrementAndGet();
                continue;
            }
            if (n == micros.length) {
                micros = java.util.Arrays.copyOf(micros, n * 2);
            }
            micros[n++] = took;
        }
        clientCpuNanos.addAndGet(
                java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuAtStart);
        return java.util.Arrays.copyOf(micros, n);
    }

    /** pgbench, same clients and time: one single-row INSERT per transaction into a scratch database. */
    private Load pgbench() throws Exception {
        PostgresServer postgres = PostgresServer.locate();
        String url = postgres.createDatabase("pcn_bench_raw");
        Path dir = Files.createTempDirectory("pgbench");
        try {
            try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password());
                    Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE raw_list_size (
                            id bigserial PRIMARY KEY,
                            practice_code varchar(6) NOT NULL,
                            as_at date NOT NULL,
                            registered_patients integer NOT NULL,
                            recorded_at timestamptz NOT NULL DEFAULT now())""");
            }
            Path script = dir.resolve("insert.sql");
            Files.writeString(script, """
                    \\set n random(1000, 30000)
                    \\set d random(0, 1499)
                    INSERT INTO raw_list_size (practice_code, as_at, registered_patients) VALUES ('Z00001', DATE '2020-01-01' + :d, :n);
                    """);
            URI jdbc = URI.create(url.substring("jdbc:".length()));
            String database = jdbc.getPath().substring(1);
            List<String> command = List.of("pgbench", "-n", "-c", Integer.toString(CLIENTS), "-j",
                    Integer.toString(CLIENTS), "-T", Long.toString(MEASURE.toSeconds()), "-f", script.toString(),
                    "-l", "--log-prefix", dir.resolve("log").toString(), "-h", jdbc.getHost(), "-p",
                    Integer.toString(jdbc.getPort() < 0 ? 5432 : jdbc.getPort()), "-U", postgres.user(), database);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(MEASURE.toSeconds() + 60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            // Per-transaction log lines: client_id transaction_no latency_us script_no epoch_s epoch_us
            List<Long> micros = new ArrayList<>();
            try (Stream<Path> logs = Files.list(dir)) {
                for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("log")).toList()) {
                    for (String l : Files.readAllLines(log)) {
                        micros.add(Long.parseLong(l.split(" ")[2]));
                    }
                }
            }
            return load(micros, MEASURE.toSeconds());
        } finally {
            postgres.dropDatabase(url);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The 1-minute load average: this machine's cores are shared, so a figure is only as quiet as the machine. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private long outboxRows() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void awaitOutboxDrained() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The outbox did not drain within 2 minutes");
    }

    private static Load load(List<Long> micros, double seconds) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return new Load(sorted.size(), sorted.size() / seconds, percentile(sorted, 50) / 1000.0,
                percentile(sorted, 99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /**
     * The CPU samples of the API load: the share of each kind of thread, and of the service's request threads
     * the share whose stack holds each kind of work (a sample may count under several), plus the top frames.
     */
    static String profile(Path jfr) throws IOException {
        Map<String, Integer> byThread = new TreeMap<>();
        Map<String, Integer> byWork = new TreeMap<>();
        Map<String, Integer> topFrames = new TreeMap<>();
        int total = 0;
        int requestSamples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            total++;
            String threadName = event.getThread("sampledThread") == null ? "?"
                    : event.getThread("sampledThread").getJavaName();
            String kind = threadKind(threadName);
            byThread.merge(kind, 1, Integer::sum);
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                RecordedFrame top = frames.get(0);
                topFrames.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1,
                        Integer::sum);
            }
            if (!kind.startsWith("service request")) {
                continue;
            }
            requestSamples++;
            java.util.Set<String> work = new java.util.TreeSet<>();
            for (RecordedFrame frame : frames) {
                String work1 = workKind(frame.getMethod().getType().getName());
                if (work1 != null) {
                    work.add(work1);
                }
            }
            if (work.isEmpty()) {
                work.add("other");
            }
            work.forEach(w -> byWork.merge(w, 1, Integer::sum));
        }
        StringBuilder out = new StringBuilder();
        out.append("CPU samples of the API load (JFR, 10 ms): ").append(total).append("\n\n");
        out.append("| thread kind | share of samples |\n|---|---|\n");
        int t = total;
        byThread.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> out.append(String.format("| %s | %.1f %% |%n", e.getKey(), 100.0 * e.getValue() / t)));
        out.append("\nOf the service's request threads (").append(requestSamples)
                .append(" samples), stacks holding:\n\n| work | share |\n|---|---|\n");
        int r = Math.max(1, requestSamples);
        byWork.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> out.append(String.format("| %s | %.1f %% |%n", e.getKey(), 100.0 * e.getValue() / r)));
        out.append("\nTop frames (all threads):\n\n| method | share |\n|---|---|\n");
        topFrames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(e -> out.append(String.format("| %s | %.1f %% |%n", e.getKey(), 100.0 * e.getValue() / t)));
        return out.toString();
    }

    private static String threadKind(String name) {
        if (name.startsWith("bench-client")) {
            return "benchmark client";
        }
        if (name.startsWith("executor-thread") || name.startsWith("vert.x-worker")) {
            return "service request (worker)";
        }
        if (name.startsWith("vert.x-eventloop")) {
            return "service request (event loop)";
        }
        if (name.startsWith("group-commit")) {
            return "service writes (group commit)";
        }
        if (name.equals("outbox-relay") || name.startsWith("kafka-producer-network-thread")) {
            return "outbox relay and producer";
        }
        if (name.startsWith("agroal") || name.startsWith("JFR") || name.contains("GC") || name.startsWith("C2")
                || name.startsWith("C1")) {
            return "JVM (JIT, GC, JFR) and pool";
        }
        return "Kafka broker (in-JVM) and other";
    }

    private static final Map<String, String> WORK = new java.util.LinkedHashMap<>();

    static {
        WORK.put("io.smallrye.jwt", "bearer token (smallrye-jwt, jose4j, RSA)");
        WORK.put("org.jose4j", "bearer token (smallrye-jwt, jose4j, RSA)");
        WORK.put("sun.security.rsa", "bearer token (smallrye-jwt, jose4j, RSA)");
        WORK.put("uk.nhs.pcn.platform.security.VerifiedTokens", "token cache lookup");
        WORK.put("org.hibernate.validator", "Bean Validation");
        WORK.put("org.hibernate", "Hibernate ORM");
        WORK.put("io.quarkus.hibernate", "Hibernate ORM");
        WORK.put("org.postgresql", "PostgreSQL driver (JDBC, network)");
        WORK.put("io.agroal", "connection pool (Agroal)");
        WORK.put("com.arjuna", "transactions (Narayana)");
        WORK.put("io.quarkus.narayana", "transactions (Narayana)");
        WORK.put("com.fasterxml.jackson", "JSON (Jackson)");
        WORK.put("io.opentelemetry", "tracing (OpenTelemetry)");
        WORK.put("io.micrometer", "metrics (Micrometer)");
        WORK.put("uk.nhs.pcn.platform.outbox", "outbox insert");
    }

    private static String workKind(String className) {
        for (Map.Entry<String, String> e : WORK.entrySet()) {
            if (className.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private void line(String what, String figure) {
        report.append("| ").append(what).append(" | ").append(figure).append(" |\n");
    }
}
