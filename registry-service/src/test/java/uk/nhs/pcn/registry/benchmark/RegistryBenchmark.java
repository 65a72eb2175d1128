package uk.nhs.pcn.registry.benchmark;

import static io.restassured.RestAssured.given;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.testsupport.TestTokens;
import uk.nhs.pcn.testsupport.TopicRecorder;

/**
 * Measures the registry against the real broker and database (see docs/benchmarks.md): the national ePCN import,
 * API-write-to-event latency, and "network as at" read throughput. Run with {@code ./pcn bench}; excluded from the
 * test suite. Prints the figures and writes them to target/benchmark-results.md.
 */
@QuarkusTest
@Tag("benchmark")
class RegistryBenchmark {

    static final Path DATA = Path.of(System.getProperty("pcn.shared.data", "../../shared/data"));
    static final int WRITES = 300;
    static final Duration READ_DURATION = Duration.ofSeconds(20);
    static final int READ_THREADS = 8;

    final String token = TestTokens.bearer(TestTokens.commissioner());
    final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        nationalImport();
        writeToEventLatency();
        readThroughput();
        Path out = Path.of("target/benchmark-results.md");
        Files.writeString(out, report.toString());
        System.out.println("\n==== registry-service benchmark ====\n" + report + "(written to " + out.toAbsolutePath()
                + ")\n");
    }

    private void nationalImport() throws Exception {
        byte[] workbook = Files.readAllBytes(DATA.resolve("ePCN-2019-12.xlsx"));
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            long start = System.nanoTime();
            given().header("Authorization", token)
                    .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").body(workbook)
                    .post("/api/v1/imports/epcn?effectiveDate=2019-12-31").then().statusCode(200);
            long imported = System.nanoTime();
            topic.await(8007, Duration.ofMinutes(5));
            long published = System.nanoTime();
            long again = System.nanoTime();
            given().header("Authorization", token)
                    .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").body(workbook)
                    .post("/api/v1/imports/epcn?effectiveDate=2019-12-31").then().statusCode(200);
            long againDone = System.nanoTime();
            line("National ePCN import (1,250 networks, 6,757 memberships, xlsx upload to committed)",
                    ms(imported - start));
            line("... until all 8,007 events were consumed from Kafka", ms(published - start));
            line("Re-import of the same file (no changes)", ms(againDone - again));
        }
        byte[] sizes = Files.readAllBytes(DATA.resolve("gp-reg-pat-prac-all-2021-01.csv"));
        long start = System.nanoTime();
        given().header("Authorization", token).contentType("text/csv").body(sizes)
                .post("/api/v1/imports/list-sizes").then().statusCode(200);
        line("List-size import (6,658 rows, 6,563 recorded)", ms(System.nanoTime() - start));
    }

    private void writeToEventLatency() {
        List<Long> micros = new ArrayList<>();
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            for (int i = 0; i < WRITES; i++) {
                String asAt = java.time.LocalDate.of(2022, 1, 1).plusDays(i).toString();
                long start = System.nanoTime();
                given().header("Authorization", token).contentType("application/json")
                        .body(Map.of("asAt", asAt, "registeredPatients", 5000 + i))
                        .post("/api/v1/practices/A83005/list-sizes").then().statusCode(201);
                topic.await(r -> asAt.equals(r.text("effectiveDate")), 1, Duration.ofSeconds(30));
                micros.add((System.nanoTime() - start) / 1000);
            }
        }
        Collections.sort(micros);
        line("API write to event consumed, p50 (" + WRITES + " sequential writes)", percentile(micros, 50) / 1000.0
                + " ms");
        line("API write to event consumed, p99", percentile(micros, 99) / 1000.0 + " ms");
        line("API write to event consumed, max", micros.get(micros.size() - 1) / 1000.0 + " ms");
    }

    private void readThroughput() throws Exception {
        List<String> codes = given().header("Authorization", token)
                .get("/api/v1/networks?asAt=2021-01-01&size=500").then().statusCode(200).extract()
                .path("items.code");
        AtomicLong requests = new AtomicLong();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(READ_THREADS);
        long deadline = System.nanoTime() + READ_DURATION.toNanos();
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        for (int t = 0; t < READ_THREADS; t++) {
            pool.submit(() -> {
                var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                        .build();
                while (System.nanoTime() < deadline) {
                    String code = codes.get(ThreadLocalRandom.current().nextInt(codes.size()));
                    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            base + "/api/v1/networks/" + code + "?asAt=2021-01-01")).header("Authorization", token)
                            .build();
                    long start = System.nanoTime();
                    var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("status " + response.statusCode());
                    }
                    micros.add((System.nanoTime() - start) / 1000);
                    requests.incrementAndGet();
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(READ_DURATION.toSeconds() + 30, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        line("\"Network as at\" reads, " + READ_THREADS + " client threads for " + READ_DURATION.toSeconds() + " s",
                String.format("%.0f requests/s", requests.get() / (double) READ_DURATION.toSeconds()));
        line("\"Network as at\" read latency p50 / p99", percentile(sorted, 50) / 1000.0 + " ms / "
                + percentile(sorted, 99) / 1000.0 + " ms");
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String ms(long nanos) {
        return String.format("%,d ms", nanos / 1_000_000);
    }

    private void line(String what, String figure) {
        report.append("| ").append(what).append(" | ").append(figure).append(" |\n");
    }
}
