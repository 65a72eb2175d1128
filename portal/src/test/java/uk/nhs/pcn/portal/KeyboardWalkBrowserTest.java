package uk.nhs.pcn.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Keyboard-only use of the commissioner page and the link worker's caseload page in a real browser, against the real
 * platform: Tab alone reaches every link, button and control (each table's CSV link among them), in page order, and
 * the focused one is always visible (an indicator, on screen, a target of at least 24 px unless it is inline text).
 */
@ExtendWith(RequiresChromium.class)
@QuarkusTest
@WithTestResource(PlatformResources.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyboardWalkBrowserTest {

    static final String NETWORK = "U00991";
    static final String PRACTICE = "E00991";
    static final String COMMISSIONER = "00Q";
    static final String STAFF = "SPLW-KEYS";

    /** What can take focus, as a keyboard user expects to reach it. */
    static final String FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), "
            + "select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

    @TestHTTPResource("/")
    URL portal;

    static Browser browser;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void aNetworkOfTheCommissionerWithALinkWorkerAndAReferral() {
        PlatformSetup.network(NETWORK, "KEYBOARD " + NETWORK, COMMISSIONER);
        PlatformSetup.practice(PRACTICE, NETWORK, COMMISSIONER, 31000);
        PlatformSetup.linkWorker(NETWORK, STAFF, "2024-04-01");
        PlatformSetup.awaitLinkWorkersKnown(NETWORK, 1);
        PlatformSetup.referral(PRACTICE, PlatformSetup.testNhsNumber(), "Keyforename", "Keysurname");
    }

    @Test
    @Order(2)
    void theCommissionerPageWorksWithTheKeyboardAlone() {
        browser = Browser.open();
        signIn("commissioner", "", "", "/commissioners/" + COMMISSIONER);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.driver.navigate().refresh();
            assertThat(browser.driver.findElement(By.id("table-networks")).getText()).contains("KEYBOARD " + NETWORK);
        });
        Walk walk = walk();
        assertThat(walk.faults).isEmpty();
        assertThat(walk.unreached).as("every link, button and control is reached by Tab").isEmpty();
        assertThat(walk.csvLinks).as("every table's CSV link").isNotEmpty().allMatch(walk.reachedHrefs::contains);
        assertThat(String.join("\n", walk.reached)).contains("a:KEYBOARD " + NETWORK, "button:Sign out");
        // A column sort button works from the keyboard.
        WebElement sort = browser.driver.findElement(By.cssSelector("#table-networks thead th:nth-child(3) button"));
        sort.sendKeys(Keys.ENTER);
        assertThat(browser.driver.findElement(By.cssSelector("#table-networks thead th:nth-child(3)"))
                .getAttribute("aria-sort")).isIn("ascending", "descending");
    }

    @Test
    @Order(3)
    void theCaseloadPageWorksWithTheKeyboardAloneAndOpensAReferral() {
        browser.driver.manage().deleteAllCookies();
        signIn("link-worker", NETWORK, STAFF, "/caseload");
        Walk walk = walk();
        assertThat(walk.faults).isEmpty();
        assertThat(walk.unreached).as("every link, button and control is reached by Tab").isEmpty();
        assertThat(walk.csvLinks).as("every table's CSV link").isNotEmpty().allMatch(walk.reachedHrefs::contains);
        assertThat(walk.reachedHrefs).anyMatch(h -> h.contains("/caseload/referrals/"));
        // Enter on the focused referral link opens it.
        WebElement link = browser.driver.findElement(By.cssSelector("a[href*='/caseload/referrals/']"));
        link.sendKeys(Keys.ENTER);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> browser.driver.findElement(By.tagName("main"))
                .getText().contains("Keyforename Keysurname"));
    }

    /** What one Tab walk through the page found. */
    record Walk(List<String> reached, Set<String> reachedHrefs, List<String> faults, List<String> unreached,
            List<String> csvLinks) {
    }

    /**
     * Tabs from the top of the page until focus comes back round, checking each focused element; then compares what
     * was reached with everything on the page that can take focus.
     */
    Walk walk() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "complete".equals(browser.driver.executeScript(
                "return document.readyState;")));
        @SuppressWarnings("unchecked")
        List<String> all = (List<String>) browser.driver.executeScript("var found = [];"
                + "document.querySelectorAll(arguments[0]).forEach(function (e, i) {"
                + "  var r = e.getBoundingClientRect(); var s = getComputedStyle(e);"
                + "  if (r.width > 0 && r.height > 0 && s.visibility !== 'hidden') {"
                + "    e.setAttribute('data-walk', 'w' + i); found.push('w' + i); } });"
                + "return found;", FOCUSABLE);
        @SuppressWarnings("unchecked")
        List<String> csv = (List<String>) browser.driver.executeScript("return Array.from(document.querySelectorAll("
                + "'.pcn-download a')).map(function (a) { return a.getAttribute('href'); });");
        Actions keys = new Actions(browser.driver);
        browser.driver.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        keys.sendKeys(Keys.TAB).perform();
        assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Skip to main content");
        List<String> reached = new ArrayList<>();
        Set<String> reachedIds = new LinkedHashSet<>();
        Set<String> hrefs = new LinkedHashSet<>();
        List<String> faults = new ArrayList<>();
        for (int i = 0; i < all.size() + 20; i++) {
            WebElement focused = browser.driver.switchTo().activeElement();
            if (i > 0 && (focused.getTagName().equals("body") || focused.getText().equals("Skip to main content"))) {
                break;
            }
            String what = focused.getTagName() + ":" + (focused.getText().isBlank() ? focused.getAttribute("id")
                    : focused.getText().lines().findFirst().orElse(""));
            reached.add(what);
            reachedIds.add(String.valueOf(focused.getAttribute("data-walk")));
            if (focused.getAttribute("href") != null) {
                hrefs.add(focused.getDomAttribute("href"));
            }
            Map<?, ?> style = (Map<?, ?>) browser.driver.executeScript("var s = getComputedStyle(arguments[0]);"
                    + "var r = arguments[0].getBoundingClientRect();"
                    + "return {outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow,"
                    + " w: r.width, h: r.height, top: r.top, bottom: r.bottom, vh: window.innerHeight,"
                    + " inline: s.display === 'inline'};", focused);
            boolean indicator = !String.valueOf(style.get("outline")).startsWith("none")
                    && !String.valueOf(style.get("outline")).endsWith(" 0px")
                    || !"none".equals(style.get("shadow"));
            if (!indicator) {
                faults.add(what + " has no visible focus indicator " + style);
            }
            if (((Number) style.get("bottom")).doubleValue() < 0
                    || ((Number) style.get("top")).doubleValue() > ((Number) style.get("vh")).doubleValue()) {
                faults.add(what + " is focused off screen");
            }
            if (!Boolean.TRUE.equals(style.get("inline")) && (((Number) style.get("w")).doubleValue() < 24
                    || ((Number) style.get("h")).doubleValue() < 24)) {
                faults.add(what + " is a target smaller than 24 px " + style);
            }
            keys.sendKeys(Keys.TAB).perform();
        }
        List<String> unreached = new ArrayList<>();
        for (String id : all) {
            if (!reachedIds.contains(id)) {
                WebElement missed = browser.driver.findElement(By.cssSelector("[data-walk='" + id + "']"));
                unreached.add(missed.getTagName() + ":" + missed.getText() + " " + missed.getDomAttribute("href"));
            }
        }
        return new Walk(reached, hrefs, faults, unreached, csv);
    }

    void signIn(String role, String networks, String staff, String next) {
        browser.driver.get(url("/dev/sign-in?next=" + next));
        browser.driver.findElement(By.id("role-" + role)).click();
        WebElement field = browser.driver.findElement(By.id("networks"));
        field.clear();
        field.sendKeys(networks);
        WebElement staffField = browser.driver.findElement(By.id("staff"));
        staffField.clear();
        staffField.sendKeys(staff);
        browser.driver.findElement(By.id("sign-in")).click();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> browser.driver.getCurrentUrl().endsWith(next));
    }

    String url(String path) {
        String base = portal.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
