package uk.nhs.pcn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import uk.nhs.pcn.testsupport.JwtSigner;

/**
 * The portal's speed as a PCN manager meets it, on the local platform with the national demo loaded
 * ({@code ./pcn up --demo} running in another terminal; the benchmark says so and stops if it is not):
 * <ol>
 * <li><b>network page server time</b>: the full network page of each demo network, fetched again and again by one
 * user, then by four at once (p50 / p95 / max, loopback, so this is the portal's and the services' time);</li>
 * <li><b>page weight</b>: what a browser with an empty cache downloads for the network page (Resource Timing:
 * the document and every stylesheet, script, font and image, bytes on the wire and decoded);</li>
 * <li><b>event-to-refresh</b>: in headless Chromium, the time from a write to the registry (a new clinical
 * director) to the open page having swapped in the changed panel, by the page's own live refresh (server-sent
 * events from the portal's topic consumer, then a fetch of the announced panels).</li>
 * </ol>
 * Figures go to stdout and {@code target/benchmark-portal.md}; copy them into docs/benchmarks.md with the machine.
 * Tag {@code benchmark}: {@code ./pcn bench} runs it, {@code ./mvnw verify} does not.
 */
@Tag("benchmark")
class PortalBenchmark {

    static final int ROUNDS = Integer.getInteger("pcn.bench.portal.rounds", 25);
    static final int REFRESHES = Integer.getInteger("pcn.bench.portal.refreshes", 20);
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PCN_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("PCN_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final StringBuilder report = new StringBuilder();

    @Test
    void networkPageSpeed() throws Exception {
        Path state = Path.of(System.getProperty("pcn.repo", "../..")).resolve(".pcn");
        Assumptions.assumeTrue(portalUp() && Files.exists(state.resolve("jwt").resolve("jwt-private.pem")),
                () -> loud("PORTAL BENCHMARK SKIPPED: start the local platform with the national demo first "
                        + "(./pcn up --demo in another terminal), then run ./pcn bench again"));
        JwtSigner signer = JwtSigner.inDirectory(state.resolve("jwt"));
        List<String> networks = DemoData.DEMO_NETWORKS;
        String manager = signer.token("bench-pcn-manager", List.of("pcn-manager"), networks, List.of(),
                Duration.ofHours(1));
        String commissioner = signer.token("bench-commissioner", List.of("commissioner"), List.of(), List.of(),
                Duration.ofHours(1));

        line("Machine", Runtime.getRuntime().availableProcessors() + " CPUs, load average (1 min) before: "
                + loadAverage());
        serverTime(networks, manager);
        pageWeightAndRefresh(networks.get(0), manager, commissioner);
        line("Load average (1 min) after", loadAverage());

        Path out = Path.of("target", "benchmark-portal.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private void serverTime(List<String> networks, String token) throws Exception {
        for (int i = 0; i < 3; i++) { // warm-up: the portal's and the services' first requests compile and cache
            for (String code : networks) {
                page(code, token);
            }
        }
        List<Double> single = new ArrayList<>();
        long bytes = 0;
        int unavailable = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (String code : networks) {
                long start = System.nanoTime();
                HttpResponse<String> response = page(code, token);
                single.add((System.nanoTime() - start) / 1e6);
                assertThat(response.statusCode()).as("GET /networks/" + code).isEqualTo(200);
                if (response.body().contains("pcn-unavailable")) {
                    unavailable++;
                }
                bytes = response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        line("Network page, one user, " + single.size() + " pages (" + networks.size() + " networks)",
                percentiles(single));
        line("... pages with a panel saying a figure or service is unavailable", unavailable + " of " + single.size());
        List<Double> four = new ArrayList<>();
        ExecutorService users = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Double>>> results = new ArrayList<>();
            for (int u = 0; u < 4; u++) {
                int offset = u;
                results.add(users.submit(() -> {
                    List<Double> mine = new ArrayList<>();
                    for (int round = 0; round < ROUNDS / 2; round++) {
                        for (int n = 0; n < networks.size(); n++) {
                            String code = networks.get((n + offset) % networks.size());
                            long start = System.nanoTime();
                            assertThat(page(code, token).statusCode()).isEqualTo(200);
                            mine.add((System.nanoTime() - start) / 1e6);
                        }
                    }
                    return mine;
                }));
            }
            for (Future<List<Double>> f : results) {
                four.addAll(f.get());
            }
        } finally {
            users.shutdownNow();
        }
        line("Network page, four users at once, " + four.size() + " pages", percentiles(four));
        line("Network page HTML (last fetched, uncompressed)", String.format(Locale.UK, "%,d bytes", bytes));
    }

    private void pageWeightAndRefresh(String code, String manager, String commissioner) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            line("Page weight and event-to-refresh", "not measured: no Chromium at " + CHROMIUM + " / chromedriver at "
                    + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
            return;
        }
        Path profile = Files.createTempDirectory("pcn-bench-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            // A page of the site without assets (so nothing is cached before the measurement), to set its cookie on.
            driver.get(LocalPortal.baseUrl() + "/q/health/live");
            driver.manage().addCookie(new Cookie("pcn-dev-session", manager, "/"));
            driver.get(LocalPortal.baseUrl() + "/networks/" + code);
            JavascriptExecutor js = driver;
            @SuppressWarnings("unchecked")
            Map<String, Object> weight = (Map<String, Object>) js.executeScript("""
                    const nav = performance.getEntriesByType('navigation')[0];
                    const res = performance.getEntriesByType('resource');
                    let wire = nav.transferSize, decoded = nav.decodedBodySize;
                    res.forEach(r => { wire += r.transferSize; decoded += r.decodedBodySize; });
                    return { requests: res.length + 1, wire: wire, decoded: decoded,
                             html: nav.decodedBodySize, htmlWire: nav.transferSize,
                             kinds: res.map(r => r.initiatorType + ' ' + r.name.replace(location.origin, '')
                                     + ' ' + r.transferSize).join('; ') };""");
            line("Page weight, empty cache (" + code + ")", String.format(Locale.UK,
                    "%d requests, %,d bytes on the wire (%,d decoded); the document %,d bytes (%,d on the wire)",
                    ((Number) weight.get("requests")).intValue(), ((Number) weight.get("wire")).longValue(),
                    ((Number) weight.get("decoded")).longValue(), ((Number) weight.get("html")).longValue(),
                    ((Number) weight.get("htmlWire")).longValue()));
            line("... requests", String.valueOf(weight.get("kinds")));

            waitFor(js, "return document.body.getAttribute('data-live') === 'connected';", Duration.ofSeconds(10));
            List<Double> refresh = new ArrayList<>();
            List<Double> acknowledged = new ArrayList<>();
            String stamp = Long.toString(System.currentTimeMillis() % 100000);
            for (int i = -1; i < REFRESHES; i++) { // the first change (-1) warms the path up and is not counted
                String name = "Dr Benchmark " + stamp + "-" + i;
                long before = System.currentTimeMillis();
                HttpResponse<String> write = put(PlatformService.ALL.get(0).baseUrl() + "/api/v1/networks/" + code
                        + "/clinical-director", commissioner,
                        "{\"name\":\"" + name + "\",\"from\":\"" + LocalDate.now() + "\"}");
                long answered = System.currentTimeMillis() - before;
                assertThat(write.statusCode()).as("appoint a clinical director: " + write.body()).isEqualTo(200);
                waitFor(js, "const p = document.querySelector('[data-panel=\"registry\"]');"
                        + " return p !== null && p.textContent.includes('" + name + "');", Duration.ofSeconds(10));
                long refreshed = Long.parseLong(String.valueOf(js.executeScript(
                        "return document.body.getAttribute('data-refreshed');")));
                if (i >= 0) {
                    acknowledged.add((double) answered);
                    refresh.add((double) (refreshed - before));
                }
                Thread.sleep(300); // let the page settle before the next change
            }
            line("Event-to-refresh in the browser, " + refresh.size() + " changes (write sent to panel swapped)",
                    percentiles(refresh));
            line("... of which the registry's answer to the write", percentiles(acknowledged));
        } finally {
            driver.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void waitFor(JavascriptExecutor js, String condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(js.executeScript(condition))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not seen within " + timeout + ": " + condition);
            }
            Thread.sleep(5);
        }
    }

    private HttpResponse<String> page(String code, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(LocalPortal.baseUrl() + "/networks/" + code))
                .header("Cookie", "pcn-dev-session=" + token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String url, String token, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean portalUp() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(LocalPortal.baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String percentiles(List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.UK, "p50 %.0f ms, p95 %.0f ms, max %.0f ms", at(sorted, 0.50), at(sorted, 0.95),
                sorted[sorted.length - 1]);
    }

    private static double at(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static String loadAverage() {
        try {
            return Arrays.stream(Files.readString(Path.of("/proc/loadavg")).split(" ")).findFirst().orElse("?");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void line(String what, String figure) {
        report.append("| ").append(what).append(" | ").append(figure).append(" |\n");
        System.out.println(what + ": " + figure);
    }

    private static String loud(String message) {
        String bar = "*".repeat(100);
        System.err.println("\n" + bar + "\n" + message + "\n" + bar + "\n");
        return message;
    }
}
