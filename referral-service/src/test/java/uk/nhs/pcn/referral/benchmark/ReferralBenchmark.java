package uk.nhs.pcn.referral.benchmark;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.events.EventJson;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.events.workforce.StaffAppointed;
import uk.nhs.pcn.referral.ReferralTestSupport;
import uk.nhs.pcn.testsupport.EventPublisher;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * National scale (see docs/benchmarks.md): the December 2019 ePCN networks (1,250) and memberships as registry
 * events, one whole-time link worker per network as workforce events, then 100,000 referrals through the API from
 * 8 client threads, each from a random member practice. Measures intake throughput, the API's latency (the
 * referral is assigned in the same transaction), and intake to ReferralAssigned read back from the topic; beside
 * them, the raw single-row insert rate of the same PostgreSQL with the same client threads, for the ratio. Run with
 * {@code ./pcn bench}; excluded from the test suite.
 */
@QuarkusTest
@Tag("benchmark")
class ReferralBenchmark {

    static final int REFERRALS = Integer.getInteger("pcn.bench.referrals", 100_000);
    static final int THREADS = 8;

    @Inject
    AgroalDataSource dataSource;

    final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        Path data = Path.of(System.getProperty("pcn.shared.data", "../../shared/data"));
        List<EventPublisher.Keyed> networks = new ArrayList<>();
        List<EventPublisher.Keyed> linkWorkers = new ArrayList<>();
        for (CSVRecord r : csv(data.resolve("epcn-2019-12-pcn-details.csv"))) {
            String code = r.get("PCN Code");
            networks.add(new EventPublisher.Keyed(code, new NetworkRegistered(code, r.get("PCN Name"),
                    r.get("Current Clinical Commissioning Group Code"),
                    LocalDate.parse(r.get("Open Date (YYYYMMDD)"), DateTimeFormatter.BASIC_ISO_DATE))));
            linkWorkers.add(new EventPublisher.Keyed(code, new StaffAppointed(code, UUID.randomUUID().toString(),
                    "SPLW-" + code, "social-prescribing-link-worker", "Social prescribing link worker", true,
                    BigDecimal.ONE, LocalDate.of(2024, 4, 1), null)));
        }
        List<EventPublisher.Keyed> memberships = new ArrayList<>();
        List<String> practices = new ArrayList<>();
        for (CSVRecord r : csv(data.resolve("epcn-2019-12-core-partner-details.csv"))) {
            String practice = r.get("Partner Organisation Code");
            String network = r.get("PCN Code");
            practices.add(practice);
            memberships.add(new EventPublisher.Keyed(network, new PracticeJoinedNetwork(network, practice,
                    r.get("Partner Name"), r.get("Practice Parent CCG Code"), LocalDate.parse(
                            r.get("Practice to PCN Relationship Start Date"), DateTimeFormatter.BASIC_ISO_DATE))));
        }
        long start = System.nanoTime();
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publishAll(Topics.REGISTRY, networks);
            publisher.publishAll(Topics.REGISTRY, memberships);
            publisher.publishAll(Topics.WORKFORCE, linkWorkers);
        }
        int events = networks.size() + memberships.size() + linkWorkers.size();
        while (count("SELECT count(*) FROM processed_event") < events) {
            Thread.sleep(50);
        }
        line(String.format("%,d networks, %,d memberships and %,d link workers as events, applied",
                networks.size(), memberships.size(), linkWorkers.size()), ms(System.nanoTime() - start));

        String rawRate = rawInserts();

        // Intake: 8 threads, each its own referrer token per practice (minted once per practice).
        Map<String, String> tokens = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(REFERRALS));
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        LagReader lag = new LagReader(sentAt);
        lag.start();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long intakeStart = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                java.util.Random random = new java.util.Random();
                int i;
                while ((i = next.getAndIncrement()) < REFERRALS) {
                    String practice = practices.get(random.nextInt(practices.size()));
                    String token = tokens.computeIfAbsent(practice, p -> TestTokens.referrer("bench-" + p, p));
                    long t0 = System.nanoTime();
                    var answer = given().header("Authorization", TestTokens.bearer(token))
                            .contentType("application/json")
                            .body(ReferralTestSupport.referral(practice, ReferralTestSupport.newNhsNumber()))
                            .post("/api/v1/referrals");
                    long t1 = System.nanoTime();
                    if (answer.statusCode() == 201) {
                        latencies.add(t1 - t0);
                        if (i % 100 == 0) {
                            sentAt.put(answer.jsonPath().getString("id"), t0);
                        }
                    } else {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        long intakeNanos = System.nanoTime() - intakeStart;
        pool.shutdown();
        lag.awaitAll(Duration.ofSeconds(120));
        lag.halt();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double perSecond = sorted.size() / (intakeNanos / 1e9);
        line(String.format("%,d referrals through the API, %d client threads (%,d refused)", sorted.size(),
                THREADS, failures.get()), ms(intakeNanos));
        line("Intake throughput", String.format("%,.0f referrals/s", perSecond));
        line("Raw single-row inserts into PostgreSQL, same threads, same run", rawRate);
        line("Intake (received and assigned, one transaction) p50 / p99", ms(percentile(sorted, 0.5)) + " / "
                + ms(percentile(sorted, 0.99)));
        List<Long> lags = lag.lags();
        Collections.sort(lags);
        line(String.format("Intake to ReferralAssigned read back from pcn.referral.v1, p50 / p99 (%d samples)",
                lags.size()), ms(percentile(lags, 0.5)) + " / " + ms(percentile(lags, 0.99)));
        Files.writeString(Path.of("target/benchmark-results.md"), report.toString());
    }

    /** Single-row inserts of a referral-sized row, one per transaction, from the same number of threads, for 15 s. */
    private String rawInserts() throws Exception {
        try (var c = dataSource.getConnection()) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS bench_raw (id UUID PRIMARY KEY, network VARCHAR(6),"
                    + " payload VARCHAR(500), at TIMESTAMPTZ DEFAULT now())");
        }
        AtomicLong inserted = new AtomicLong();
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                try (var c = dataSource.getConnection();
                        var insert = c.prepareStatement("INSERT INTO bench_raw (id, network, payload) VALUES (?, ?, ?)")) {
                    while (System.nanoTime() < until) {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, "U00000");
                        insert.setString(3, "x".repeat(300));
                        insert.executeUpdate();
                        inserted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return String.format("%,.0f rows/s", inserted.get() / 15.0);
    }

    /** Reads pcn.referral.v1 and times each sampled referral from its POST to its ReferralAssigned. */
    static final class LagReader extends Thread {
        private final Map<String, Long> sentAt;
        private final List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
        private volatile boolean running = true;

        LagReader(Map<String, Long> sentAt) {
            this.sentAt = sentAt;
            setDaemon(true);
        }

        @Override
        public void run() {
            Map<String, Object> config = new TreeMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.REFERRAL));
                while (running) {
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        var type = record.headers().lastHeader("ce_type");
                        if (type != null && new String(type.value()).endsWith("ReferralAssigned.v1")) {
                            try {
                                JsonNode body = EventJson.mapper().readTree(record.value());
                                seenAt.put(body.path("referralId").asText(), System.nanoTime());
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                }
            }
        }

        void awaitAll(Duration timeout) throws InterruptedException {
            long until = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < until && !seenAt.keySet().containsAll(sentAt.keySet())) {
                Thread.sleep(100);
            }
        }

        List<Long> lags() {
            List<Long> result = new ArrayList<>();
            sentAt.forEach((id, t0) -> {
                Long seen = seenAt.get(id);
                if (seen != null) {
                    result.add(seen - t0);
                }
            });
            return result;
        }

        void halt() {
            running = false;
        }
    }

    private void line(String what, String figure) {
        String row = "| " + what + " | " + figure + " |";
        System.out.println(row);
        report.append(row).append('\n');
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
    }

    private static String ms(long nanos) {
        return String.format("%,.1f ms", nanos / 1e6);
    }

    private long count(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try (CSVParser parser = CSVParser.parse(reader, CSVFormat.DEFAULT.builder().setHeader()
                .setSkipHeaderRecord(true).setTrim(true).build())) {
            return parser.getRecords();
        }
    }
}
