package uk.nhs.pcn.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * Headless Chromium driven by Selenium: Debian's {@code chromium} and {@code chromium-driver} (or
 * {@code PCN_CHROMIUM}/{@code PCN_CHROMEDRIVER}). Without them the browser tests are skipped with a loud message;
 * under CI (environment variable {@code CI} set) a missing browser fails them.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PCN_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("PCN_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The WCAG 2.2 AA rule sets of axe-core. */
    static final List<String> WCAG22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips (loudly), or under CI fails, when there is no Chromium here. */
    static boolean chromiumFound() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static String missingMessage() {
        return "BROWSER TESTS SKIPPED: no Chromium at " + CHROMIUM + " with chromedriver at " + CHROMEDRIVER
                + ". Install them (apt-get install -y chromium chromium-driver) or set PCN_CHROMIUM and "
                + "PCN_CHROMEDRIVER.";
    }

    static void requireChromium() {
        if (chromiumFound()) {
            return;
        }
        String message = missingMessage();
        System.err.println("\n" + "*".repeat(100) + "\n" + message + "\n" + "*".repeat(100) + "\n");
        if (System.getenv("CI") != null) {
            Assertions.fail("CI is set and " + message);
        }
        Assumptions.abort(message);
    }

    static Browser open() {
        requireChromium();
        try {
            Path profile = Files.createTempDirectory("pcn-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a screenshot of the whole page as target/screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Dimension before = driver.manage().window().getSize();
            long height = (Long) driver.executeScript("return Math.max(document.body.scrollHeight, 800);");
            driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 100, 12000)));
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(before);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The axe-core violations of WCAG 2.2 AA on the current page, one readable line each. */
    List<String> accessibilityViolations() {
        Results results = new AxeBuilder().withTags(WCAG22_AA).analyze(driver);
        return results.getViolations().stream().map(Browser::describe).toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
