package uk.nhs.pcn.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.print.PrintOptions;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pcn.portal.view.Format;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * The portal in a real browser (headless Chromium) against the real platform: the four services as packaged jars,
 * the in-JVM broker and PostgreSQL. The steps build on each other, in order. Screenshots go to target/screenshots.
 */
@org.junit.jupiter.api.extension.ExtendWith(RequiresChromium.class)
@QuarkusTest
@WithTestResource(PlatformResources.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest {

    static final String NORTH = "U00961";
    static final String SOUTH = "U00962";
    static final String[][] PRACTICES = { { "E00961", NORTH, "10000" }, { "E00962", NORTH, "8000" },
            { "E00963", SOUTH, "30000" } };
    static final String MOVING = "E00962";
    /**
     * The date the figures are compared at: a year whose funding rates are confirmed in the shipped rule set
     * (2026/27's are all 'unknown', so its Money panel lists every line as unavailable).
     */
    static final LocalDate AS_AT = LocalDate.of(2025, 12, 1);
    static final String FY = uk.nhs.pcn.portal.network.FinancialYears.of(AS_AT);

    @TestHTTPResource("/")
    URL portal;

    static Browser north;
    static Browser south;

    @BeforeAll
    static void browsers() {
        Browser.requireChromium();
    }

    @AfterAll
    static void closeBrowsers() {
        for (Browser b : new Browser[] { north, south }) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Test
    @Order(1)
    void thePlatformHoldsTwoNetworksWithPracticesStaffAReferralAndPayments() {
        for (String network : new String[] { NORTH, SOUTH }) {
            as(TestTokens.commissioner(), "registry").body(Map.of("code", network, "name", "PORTAL " + network,
                    "commissionerCode", "00C", "openDate", "2019-07-01")).post("/api/v1/networks").then()
                    .statusCode(201);
        }
        as(TestTokens.commissioner(), "registry").body(Map.of("name", "Dr Testing Director", "from", "2024-04-01"))
                .put("/api/v1/networks/" + NORTH + "/clinical-director").then().statusCode(200);
        for (String[] p : PRACTICES) {
            as(TestTokens.commissioner(), "registry").body(Map.of("code", p[0], "name", "SURGERY " + p[0],
                    "commissionerCode", "00C")).post("/api/v1/practices").then().statusCode(201);
            as(TestTokens.commissioner(), "registry").body(Map.of("networkCode", p[1], "from", "2019-07-01"))
                    .post("/api/v1/practices/" + p[0] + "/memberships").then().statusCode(201);
            as(TestTokens.commissioner(), "registry").body(Map.of("asAt", "2025-01-01", "registeredPatients",
                    Integer.parseInt(p[2]), "weightedPopulation", new BigDecimal(p[2]).multiply(new BigDecimal("1.05"))))
                    .post("/api/v1/practices/" + p[0] + "/list-sizes").then().statusCode(201);
        }
        // Workforce learns of the network from the registry's topic before it takes staff there.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> as(
                TestTokens.pcnManager(NORTH), "workforce").body(linkWorker()).post("/api/v1/networks/" + NORTH
                        + "/staff").statusCode() == 201);
        // The referral service routes the practice's referral to the network's link worker once it knows both.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> as(
                TestTokens.referrer("referrer-E00961", "E00961"), "referral").body(referral("E00961"))
                .post("/api/v1/referrals").statusCode() == 201);
        // Funding has calculated the network's payments from the registry's events.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            var answer = as(TestTokens.pcnManager(NORTH), "funding").get("/api/v1/networks/" + NORTH
                    + "/payments?financialYear=" + FY);
            return answer.statusCode() == 200 && !answer.jsonPath().getList("months").isEmpty();
        });
    }

    @Test
    @Order(2)
    void aPcnManagerSeesTheFiguresTheServicesGiveThem() {
        north = Browser.open();
        signIn(north, "pcn-manager", NORTH, "/networks/" + NORTH);
        north.driver.get(url("/networks/" + NORTH + "?asAt=" + AS_AT));
        String token = TestTokens.pcnManager(NORTH);
        // The services settle (funding recalculates after each event): the page must equal them at one moment.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            north.driver.navigate().refresh();
            JsonPath network = as(token, "registry").get("/api/v1/networks/" + NORTH + "?asAt=" + AS_AT).then()
                    .statusCode(200).extract().jsonPath();
            JsonPath workforce = as(token, "workforce").get("/api/v1/networks/" + NORTH + "/workforce?asAt=" + AS_AT)
                    .then().statusCode(200).extract().jsonPath();
            JsonPath caseload = as(token, "referral").get("/api/v1/networks/" + NORTH + "/caseload").then()
                    .statusCode(200).extract().jsonPath();
            JsonPath arrs = as(token, "funding").get("/api/v1/networks/" + NORTH + "/arrs?financialYear=" + FY)
                    .then().statusCode(200).extract().jsonPath();
            JsonPath payments = as(token, "funding").get("/api/v1/networks/" + NORTH + "/payments?financialYear="
                    + FY).then().statusCode(200).extract().jsonPath();
            assertThat(fact(north, "network-name")).isEqualTo(network.getString("name"));
            assertThat(fact(north, "registered-population")).isEqualTo(Format.count(network.getLong(
                    "population.registeredPatients"))).isEqualTo("18,000");
            assertThat(fact(north, "clinical-director")).startsWith("Dr Testing Director");
            assertThat(fact(north, "headcount")).isEqualTo(Format.count(workforce.getLong("headcount")))
                    .isEqualTo("1");
            assertThat(fact(north, "wte")).isEqualTo(Format.decimal(new BigDecimal(workforce.getString("wte")), 2));
            assertThat(fact(north, "open-referrals")).isEqualTo(Format.count(caseload.getLong("openReferrals")))
                    .isEqualTo("1");
            assertThat(fact(north, "queue-waiting")).isEqualTo(Format.count(caseload.getLong("queue.waiting")));
            assertThat(fact(north, "arrs-sum")).isEqualTo(Format.money(new BigDecimal(arrs.getString("arrsSum"))));
            assertThat(fact(north, "arrs-claimed")).isEqualTo(Format.money(new BigDecimal(arrs.getString(
                    "claimsToDate"))));
            assertThat(fact(north, "year-total")).startsWith(Format.money(new BigDecimal(payments.getString(
                    "total"))));
            assertThat(north.driver.findElement(By.id("table-payments")).getText()).contains("April 2025",
                    "March 2026");
            // Each member practice with its population and share, as the registry gives them.
            String members = north.driver.findElement(By.id("table-members")).getText();
            assertThat(members).contains("SURGERY E00961", "10,000", "55.6%", "SURGERY E00962", "8,000", "44.4%");
        });
        // Charts are SVG images with a text alternative; a PCN manager never sees who a referral is about.
        WebElement chart = north.driver.findElement(By.cssSelector("#shares svg"));
        assertThat(chart.getAttribute("role")).isEqualTo("img");
        assertThat(north.driver.findElement(By.cssSelector("#shares svg desc")).getAttribute("textContent"))
                .contains("18,000 registered patients");
        assertThat(north.driver.getPageSource()).doesNotContain("Testforename").doesNotContain("Testsurname");
        north.screenshot("network-page");
        assertThat(north.accessibilityViolations()).as("axe-core, WCAG 2.2 AA, network page").isEmpty();
    }

    @Test
    @Order(3)
    void anotherNetworksPageIsAProper403PageWithoutAccessibilityFaults() {
        north.driver.get(url("/networks/" + SOUTH));
        assertThat(north.driver.findElement(By.tagName("h1")).getText()).isEqualTo("You cannot see this page");
        assertThat(north.driver.findElement(By.id("error-message")).getText()).contains(SOUTH);
        assertThat(north.driver.getPageSource()).doesNotContain("Exception").doesNotContain("at uk.nhs");
        north.screenshot("forbidden-page");
        assertThat(north.accessibilityViolations()).as("axe-core, WCAG 2.2 AA, 403 page").isEmpty();
    }

    @Test
    @Order(4)
    void aPracticeMovedInTheRegistryUpdatesBothNetworksOpenPagesWithinTwoSeconds() throws Exception {
        south = Browser.open();
        signIn(south, "pcn-manager", SOUTH, "/networks/" + SOUTH);
        north.driver.get(url("/networks/" + NORTH));
        for (Browser b : new Browser[] { north, south }) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "connected".equals(b.driver.findElement(
                    By.tagName("body")).getAttribute("data-live")));
        }
        awaitPortalConsumersAssigned();
        assertThat(fact(north, "registered-population")).isEqualTo("18,000");
        assertThat(fact(south, "registered-population")).isEqualTo("30,000");

        as(TestTokens.commissioner(), "registry").body(Map.of("networkCode", SOUTH, "from", LocalDate.now()
                .toString())).post("/api/v1/practices/" + MOVING + "/memberships/move").then().statusCode(200);
        long moved = System.nanoTime();

        Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() ->
                fact(north, "registered-population").equals("10,000") && fact(south, "registered-population").equals(
                        "38,000"));
        long millis = (System.nanoTime() - moved) / 1_000_000;
        System.out.println("Event to refresh in both browsers: " + millis + " ms");
        // Without a reload: the registry panel was swapped into the page loaded before (a reload would not mark it),
        // and the live region says what changed (the move also changes funding's 2026/27 figures, so the latest
        // announcement may be the Money panel's).
        assertThat(north.driver.findElement(By.cssSelector("[data-panel='registry']")).getAttribute("class"))
                .contains("pcn-updated");
        assertThat(north.driver.findElement(By.id("live-status")).getText()).startsWith("Updated at");
        assertThat(north.driver.findElement(By.id("table-members")).getText()).doesNotContain("SURGERY E00962");
        assertThat(south.driver.findElement(By.id("table-members")).getText()).contains("SURGERY E00962");
        south.screenshot("network-page-after-move");
    }

    @Test
    @Order(5)
    void theNetworkPageWorksWithTheKeyboardAloneWithFocusAlwaysVisible() {
        north.driver.get(url("/networks/" + NORTH));
        Actions keys = new Actions(north.driver);
        keys.sendKeys(Keys.TAB).perform();
        WebElement first = north.driver.switchTo().activeElement();
        assertThat(first.getText()).isEqualTo("Skip to main content");
        Set<String> reached = new LinkedHashSet<>();
        List<String> faults = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            WebElement focused = north.driver.switchTo().activeElement();
            if (i > 0 && (focused.getTagName().equals("body") || focused.getText().equals("Skip to main content"))) {
                break;
            }
            String what = focused.getTagName() + ":" + (focused.getText().isBlank() ? focused.getAttribute("id")
                    : focused.getText().lines().findFirst().orElse(""));
            reached.add(what.replaceAll("[0-9]", ""));
            Map<?, ?> style = (Map<?, ?>) north.driver.executeScript("var s = getComputedStyle(arguments[0]);"
                    + "var r = arguments[0].getBoundingClientRect();"
                    + "return {outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow, bg: s.backgroundColor,"
                    + " w: r.width, h: r.height, top: r.top, bottom: r.bottom, vh: window.innerHeight,"
                    + " inline: getComputedStyle(arguments[0]).display === 'inline'};", focused);
            boolean indicator = !String.valueOf(style.get("outline")).startsWith("none")
                    && !String.valueOf(style.get("outline")).endsWith(" 0px")
                    || !"none".equals(style.get("shadow"));
            if (!indicator) {
                faults.add(what + " has no visible focus indicator " + style);
            }
            double top = ((Number) style.get("top")).doubleValue();
            double bottom = ((Number) style.get("bottom")).doubleValue();
            if (bottom < 0 || top > ((Number) style.get("vh")).doubleValue()) {
                faults.add(what + " is focused off screen");
            }
            boolean inline = Boolean.TRUE.equals(style.get("inline"));
            if (!inline && (((Number) style.get("w")).doubleValue() < 24 || ((Number) style.get("h")).doubleValue()
                    < 24)) {
                faults.add(what + " is a target smaller than 24 px " + style);
            }
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(faults).isEmpty();
        assertThat(String.join("\n", reached)).contains("input:asAt", "button:Show", "Membership and populations",
                "Download", "button:Practice", "button:Sign out");

        // A sort button works from the keyboard and says how the table is sorted.
        WebElement sort = north.driver.findElement(By.cssSelector("#table-members thead th:nth-child(4) button"));
        sort.sendKeys(Keys.ENTER);
        assertThat(north.driver.findElement(By.cssSelector("#table-members thead th:nth-child(4)"))
                .getAttribute("aria-sort")).isEqualTo("ascending");
    }

    @Test
    @Order(6)
    void everyTableDownloadsAsCsvAndThePagePrintsAsABoardPack() throws Exception {
        String session = north.driver.manage().getCookieNamed("pcn-dev-session").getValue();
        var csv = given().baseUri(url("/")).cookie("pcn-dev-session", session).get("/networks/" + NORTH
                + "/tables/members.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(NORTH + "-members-");
        // Today's populations at 1 January of this year are not recorded (the list sizes are of 1 January 2025):
        // the row says so, and ends with the latest list size as at today.
        assertThat(csv.asString()).startsWith("Practice,ODS code,Member from,Registered patients at 1 January")
                .containsPattern("(?m)^SURGERY E00961,E00961,2019-07-01,.*,10000\r?$");
        List<WebElement> links = north.driver.findElements(By.cssSelector(".pcn-download a"));
        assertThat(links).hasSizeGreaterThanOrEqualTo(5);
        for (WebElement link : links) {
            assertThat(given().baseUri(url("/")).cookie("pcn-dev-session", session).get(link.getAttribute("href")
                    .replace(url("/"), "/")).statusCode()).as(link.getAttribute("href")).isEqualTo(200);
        }
        // Print: navigation and forms are gone, every panel is there.
        north.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertThat(north.driver.findElement(By.cssSelector(".pcn-contents")).isDisplayed()).isFalse();
        assertThat(north.driver.findElement(By.cssSelector(".pcn-as-at")).isDisplayed()).isFalse();
        assertThat(north.driver.findElements(By.cssSelector("[data-panel]"))).hasSize(4)
                .allMatch(WebElement::isDisplayed);
        north.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        byte[] pdf = Base64.getDecoder().decode(north.driver.print(new PrintOptions()).getContent());
        Files.createDirectories(Browser.SCREENSHOTS);
        Files.write(Browser.SCREENSHOTS.resolve("network-board-pack.pdf"), pdf);
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
    }

    @Test
    @Order(7)
    void theSignInAndHomePagesHaveNoAccessibilityFaults() {
        try (Browser b = Browser.open()) {
            b.driver.get(url("/dev/sign-in"));
            b.screenshot("sign-in-page");
            assertThat(b.accessibilityViolations()).as("axe-core, WCAG 2.2 AA, sign-in page").isEmpty();
            b.driver.get(url("/"));
            assertThat(b.accessibilityViolations()).as("axe-core, WCAG 2.2 AA, home page").isEmpty();
        }
    }

    @Test
    @Order(8)
    void aCommissionerSeesEveryNetworkOfTheirsInOneSortableTable() {
        try (Browser b = Browser.open()) {
            signIn(b, "commissioner", "", "/commissioners/00C");
            String table = b.driver.findElement(By.id("table-networks")).getText();
            assertThat(table).contains("PORTAL " + NORTH, "PORTAL " + SOUTH, "10,000", "38,000");
            WebElement link = b.driver.findElement(By.linkText("PORTAL " + NORTH));
            assertThat(link.getAttribute("href")).endsWith("/networks/" + NORTH);
            // Sorting by registered patients puts the smaller network first, then the larger.
            b.driver.findElement(By.cssSelector("#table-networks thead th:nth-child(3) button")).click();
            List<WebElement> rows = b.driver.findElements(By.cssSelector("#table-networks tbody tr"));
            assertThat(rows.get(0).getText()).contains(NORTH);
            b.driver.findElement(By.cssSelector("#table-networks thead th:nth-child(3) button")).click();
            assertThat(b.driver.findElements(By.cssSelector("#table-networks tbody tr")).get(0).getText())
                    .contains(SOUTH);
            b.screenshot("commissioner-page");
            assertThat(b.accessibilityViolations()).as("axe-core, WCAG 2.2 AA, commissioner page").isEmpty();
        }
    }

    @Test
    @Order(9)
    void aLinkWorkerSeesTheirNetworksReferralsWithTheNextStepAndOpensOne() {
        try (Browser b = Browser.open()) {
            signIn(b, "link-worker", NORTH, "/caseload");
            String table = b.driver.findElement(By.id("table-referrals-" + NORTH.toLowerCase())).getText();
            assertThat(table).contains("E00961").contains("loneliness");
            // The list carries no person's details; opening a referral does (and referral-service audits it).
            assertThat(b.driver.getPageSource()).doesNotContain("Testsurname");
            b.screenshot("caseload-page");
            assertThat(b.accessibilityViolations()).as("axe-core, WCAG 2.2 AA, caseload page").isEmpty();
            b.driver.findElement(By.cssSelector("#table-referrals-" + NORTH.toLowerCase() + " tbody a")).click();
            assertThat(b.driver.findElement(By.tagName("main")).getText()).contains("Testforename Testsurname");
            assertThat(b.accessibilityViolations()).as("axe-core, WCAG 2.2 AA, referral page").isEmpty();
        }
    }

    @Test
    @Order(10)
    void aServiceThatIsDownMakesOnlyItsPanelSaySo() {
        long pid = ConfigProvider.getConfig().getValue("pcn.test.referral-service.pid", Long.class);
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroy();
            p.onExit().join();
        });
        north.driver.get(url("/networks/" + NORTH + "?asAt=" + AS_AT));
        assertThat(north.driver.findElement(By.id("referral-unavailable")).getText())
                .contains("referral-service is not answering").contains("since");
        // The rest of the page is there, with its figures (as at AS_AT, before the move).
        assertThat(fact(north, "registered-population")).isEqualTo("18,000");
        assertThat(fact(north, "headcount")).isEqualTo("1");
        assertThat(north.driver.findElements(By.id("fact-year-total"))).hasSize(1);
        assertThat(north.driver.findElements(By.cssSelector(".pcn-unavailable"))).hasSize(1);
        north.screenshot("network-page-referral-service-down");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    void signIn(Browser browser, String role, String networks, String next) {
        browser.driver.get(url("/dev/sign-in?next=" + next));
        browser.driver.findElement(By.id("role-" + role)).click();
        WebElement field = browser.driver.findElement(By.id("networks"));
        field.clear();
        field.sendKeys(networks);
        browser.driver.findElement(By.id("sign-in")).click();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> browser.driver.getCurrentUrl().endsWith(next));
    }

    /** A figure as the page shows it now (read in one step: the live refresh may swap the panel at any moment). */
    static String fact(Browser browser, String id) {
        Object text = browser.driver.executeScript("var e = document.getElementById(arguments[0]);"
                + " return e ? e.textContent.trim() : null;", "fact-" + id);
        assertThat(text).as("the page shows fact " + id).isNotNull();
        return text.toString();
    }

    String url(String path) {
        String base = portal.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    static RequestSpecification as(String token, String service) {
        String base = ConfigProvider.getConfig().getValue("pcn.portal." + service + "-url", String.class);
        return given().baseUri(base).header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    /** The portal reads from the latest offset: wait until its consumers own every partition of the four topics. */
    static void awaitPortalConsumersAssigned() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                List<String> groups = admin.listConsumerGroups().all().get().stream()
                        .map(ConsumerGroupListing::groupId).filter(g -> g.startsWith("pcn-portal-")).toList();
                if (groups.isEmpty()) {
                    return false;
                }
                Set<String> topics = new java.util.HashSet<>();
                for (var description : admin.describeConsumerGroups(groups).all().get().values()) {
                    for (MemberDescription member : description.members()) {
                        member.assignment().topicPartitions().forEach(tp -> topics.add(tp.topic()));
                    }
                }
                return topics.containsAll(List.of("pcn.registry.v1", "pcn.workforce.v1", "pcn.referral.v1",
                        "pcn.funding.v1"));
            });
        }
    }

    static Map<String, Object> linkWorker() {
        Map<String, Object> body = new HashMap<>();
        body.put("staffReference", "SPLW-PORTAL-1");
        body.put("roleCode", "social-prescribing-link-worker");
        body.put("wte", new BigDecimal("1.0"));
        body.put("startDate", "2024-04-01");
        body.put("employingOrganisation", "Lead practice");
        body.put("payBand", "5");
        body.put("fullTimeAnnualSalary", new BigDecimal("30000"));
        body.put("fullTimeAnnualOnCosts", new BigDecimal("8000"));
        return body;
    }

    static Map<String, Object> referral(String practice) {
        Map<String, Object> person = new HashMap<>();
        person.put("nhsNumber", testNhsNumber());
        person.put("givenName", "Testforename");
        person.put("familyName", "Testsurname");
        person.put("dateOfBirth", "1958-03-14");
        Map<String, Object> body = new HashMap<>();
        body.put("person", person);
        body.put("practiceCode", practice);
        body.put("source", "GP");
        body.put("needs", List.of("LONELINESS"));
        body.put("consentToShare", true);
        return body;
    }

    /** An NHS number in the 999 test range with a valid check digit. */
    static String testNhsNumber() {
        return PlatformSetup.testNhsNumber();
    }
}
