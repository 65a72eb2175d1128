package uk.nhs.pcn.funding.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static uk.nhs.pcn.funding.FundingTestSupport.asCommissioner;
import static uk.nhs.pcn.funding.FundingTestSupport.asFinance;
import static uk.nhs.pcn.funding.FundingTestSupport.asManager;
import static uk.nhs.pcn.funding.FundingTestSupport.awaitSchedule;
import static uk.nhs.pcn.funding.FundingTestSupport.beds;
import static uk.nhs.pcn.funding.FundingTestSupport.json;
import static uk.nhs.pcn.funding.FundingTestSupport.networkWithPractice;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.testsupport.EventPublisher;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TestTokens;
import uk.nhs.pcn.testsupport.TopicRecorder;
import uk.nhs.pcn.testsupport.openapi.OpenApiValidation;

@QuarkusTest
class PaymentScheduleApiTest {

    @Test
    void aScheduleHasTwelveMonthsOfExplainedLinesWithMonthAndYearTotals() throws IOException {
        List<String> codes = networkWithPractice(10_000, "10500", "10200");
        String network = codes.get(0);
        beds(network, "2025-04-01", 20);
        JsonPath schedule = awaitSchedule(network, "2025/26", s -> s.getString(
                "months[0].lines.find { it.component == 'care-home-premium' }.amount") != null);

        assertThat(schedule.getList("months")).hasSize(12);
        assertThat(schedule.getString("populationDate")).isEqualTo("2025-01-01");
        assertThat(schedule.getString("calculation")).contains("1 January before the financial year");
        // April, a full month: each line is the rate × the population ÷ 12, to the penny.
        Map<String, BigDecimal> april = Map.of(
                "core-pcn-funding|registered", new BigDecimal("1888.33"), // 2.266 × 10,000 ÷ 12
                "core-pcn-funding|adjusted", new BigDecimal("623.05"), // 0.733 × 10,200 ÷ 12
                "enhanced-access|adjusted", new BigDecimal("7162.95"), // 8.427 × 10,200 ÷ 12
                "capacity-and-access-support|adjusted", new BigDecimal("2726.80"), // 3.208 × 10,200 ÷ 12
                "capacity-and-access-improvement|adjusted", new BigDecimal("1168.75"), // 1.375 × 10,200 ÷ 12
                "care-home-premium|care-home-beds", new BigDecimal("217.09"), // 130.253 × 20 ÷ 12
                "network-participation|weighted|" + codes.get(1), new BigDecimal("1540.88")); // 1.761 × 10,500 ÷ 12
        april.forEach((key, amount) -> assertThat(schedule.getObject("months[0].lines.find { it.key == '" + key
                + "' }.amount", BigDecimal.class)).as(key).isEqualByComparingTo(amount));
        assertThat(schedule.getList("months[0].lines")).hasSize(7);
        assertThat(schedule.getString("months[0].lines.find { it.component == 'core-pcn-funding' }.ruleSetYear"))
                .isEqualTo("2025/26");
        assertThat(schedule.getString("months[0].lines.find { it.component == 'core-pcn-funding' }.explanation"))
                .contains("£2.266 a year × registered list as at 2025-01-01").endsWith("= £1,888.33");
        assertThat(schedule.getObject("months[0].total", BigDecimal.class)).isEqualByComparingTo("15327.85");
        assertThat(schedule.getObject("total", BigDecimal.class)).isEqualByComparingTo("183934.20"); // 12 × 15,327.85
        assertThat(schedule.getBoolean("incomplete")).isFalse();
        assertThat(schedule.getString("months[0].status")).isEqualTo("calculated");
        assertThat(schedule.getString("paidAfterTheYear[0].component")).isEqualTo("iif");

        // The same schedule as CSV for finance systems: a row per line.
        String csv = asFinance().accept("text/csv").get("/api/v1/networks/" + network
                + "/payments?financialYear=2025/26").then().statusCode(200)
                .contentType(containsString("text/csv")).header("Content-Disposition", containsString(".csv"))
                .extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows).hasSize(12 * 7);
        assertThat(rows).filteredOn(r -> r.get("month").equals("2025-04") && r.get("component").equals(
                "core-pcn-funding") && r.get("basis").equals("registered")).singleElement()
                .satisfies(r -> assertThat(r.get("amount")).isEqualTo("1888.33"));
        assertThat(rows.stream().map(r -> new BigDecimal(r.get("amount"))).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("183934.20");
    }

    @Test
    void aListSizeCorrectionAfterMonthsAreConfirmedIsAnAdjustmentLineNotAChangedMonth() {
        List<String> codes = networkWithPractice(9_000, "9000", "9000");
        String network = codes.get(0);
        beds(network, "2019-07-01", 0);
        awaitSchedule(network, "2025/26", s -> s.getString(
                "months[0].lines.find { it.component == 'care-home-premium' }.amount") != null);
        try (TopicRecorder funding = TopicRecorder.fromNow(Topics.FUNDING);
                EventPublisher registry = new EventPublisher()) {
            JsonPath aprilConfirmed = json(asCommissioner().post("/api/v1/networks/" + network
                    + "/payments/2025-04/confirm").then().statusCode(200).extract().response());
            assertThat(aprilConfirmed.getString("status")).isEqualTo("confirmed");
            asFinance().post("/api/v1/networks/" + network + "/payments/2025-05/confirm").then().statusCode(200)
                    .body("confirmedBy", containsString("finance"));
            JsonPath before = json(asCommissioner().get("/api/v1/networks/" + network
                    + "/payments?financialYear=2025/26").then().extract().response());

            String cause = registry.publish(Topics.REGISTRY, network, new ListSizeRecorded(codes.get(1), network,
                    LocalDate.of(2025, 1, 1), 9_600, new BigDecimal("9000"), new BigDecimal("9000")));

            JsonPath after = awaitSchedule(network, "2025/26", s -> s.getList("months[2].adjustments").size() == 2);
            // April and May stand as confirmed; the correction is paid in June, the first month not confirmed.
            assertThat(after.getList("months[0].lines")).isEqualTo(before.getList("months[0].lines"));
            assertThat(after.getList("months[1].lines")).isEqualTo(before.getList("months[1].lines"));
            assertThat(after.getObject("months[0].total", BigDecimal.class))
                    .isEqualByComparingTo(before.getObject("months[0].total", BigDecimal.class));
            for (int i = 0; i < 2; i++) {
                String adjustment = "months[2].adjustments[" + i + "].";
                assertThat(after.getString(adjustment + "correctsMonth")).isEqualTo(i == 0 ? "2025-04" : "2025-05");
                assertThat(after.getString(adjustment + "lineKey")).isEqualTo("core-pcn-funding|registered");
                assertThat(after.getObject(adjustment + "amount", BigDecimal.class))
                        .isEqualByComparingTo("113.30"); // 2.266 × 600 ÷ 12
                assertThat(after.getList(adjustment + "causes")).containsExactly(cause);
                assertThat(after.getString(adjustment + "reason")).contains("£1,699.50 paid, £1,812.80 is due now");
            }
            // June itself is simply recalculated with the corrected list.
            assertThat(after.getObject("months[2].lines.find { it.key == 'core-pcn-funding|registered' }.amount",
                    BigDecimal.class)).isEqualByComparingTo("1812.80");
            assertThat(after.getObject("months[2].adjustmentsTotal", BigDecimal.class)).isEqualByComparingTo("226.60");

            List<RecordedEvent> raised = funding.await(r -> network.equals(r.key())
                    && r.isType("PaymentAdjustmentRaised.v1"), 2, Duration.ofSeconds(30));
            assertThat(raised).allSatisfy(r -> {
                assertThat(r.contractProblems()).isEmpty();
                assertThat(r.text("paidInMonth")).isEqualTo("2025-06");
                assertThat(r.body().path("causeEventIds").get(0).asText()).isEqualTo(cause);
            });
            assertThat(funding.await(r -> network.equals(r.key()) && r.isType("MonthConfirmed.v1"), 2,
                    Duration.ofSeconds(30))).allSatisfy(r -> assertThat(r.contractProblems()).isEmpty());
            assertThat(funding.await(r -> network.equals(r.key()) && r.isType("EntitlementRecalculated.v1")
                    && r.text("previousTotal") != null, 1, Duration.ofSeconds(30)).get(0).contractProblems()).isEmpty();
        }
        // A confirmed month is confirmed once; months are confirmed in order.
        asCommissioner().post("/api/v1/networks/" + network + "/payments/2025-04/confirm").then().statusCode(409)
                .body("type", containsString("already-confirmed"));
        asCommissioner().post("/api/v1/networks/" + network + "/payments/2025-08/confirm").then().statusCode(409)
                .body("detail", equalTo("Confirm 2025-07 before 2025-08"));
    }

    @Test
    void theSplitViewDividesEachMonthAmongThePracticesToThePenny() {
        String network = networkWithPractice(10_000, "10500", "10200").get(0);
        beds(network, "2019-07-01", 3);
        awaitSchedule(network, "2025/26", s -> s.getString(
                "months[0].lines.find { it.component == 'care-home-premium' }.amount") != null);
        JsonPath schedule = json(asCommissioner().get("/api/v1/networks/" + network + "/payments?financialYear=2025/26")
                .then().extract().response());
        JsonPath split = json(asManager(network).get("/api/v1/networks/" + network
                + "/payments/practices?financialYear=2025/26").then().statusCode(200).extract().response());
        for (int m = 0; m < 12; m++) {
            BigDecimal shares = split.getList("months[" + m + "].practices.total", BigDecimal.class).stream()
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(shares).as("month " + m).isEqualByComparingTo(schedule.getObject("months[" + m + "].linesTotal",
                    BigDecimal.class));
        }
        assertThat(split.getString("method")).contains("largest share");
    }

    @Test
    void theNationalViewTotalsEveryNetworkByComponentAndAsCsv() {
        String network = networkWithPractice(10_000, "10500", "10200").get(0);
        JsonPath national = json(asFinance().get("/api/v1/entitlements?financialYear=2025/26").then().statusCode(200)
                .extract().response());
        assertThat(national.getList("entitlements.networkCode")).contains(network);
        assertThat(national.getList("components.component")).contains("core-pcn-funding", "enhanced-access",
                "network-participation").doesNotContain("arrs-sum", "iif");
        BigDecimal byComponent = national.getList("components.amount", BigDecimal.class).stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(byComponent).isEqualByComparingTo(national.getObject("total", BigDecimal.class));
        JsonPath commissioner = json(asCommissioner().get("/api/v1/entitlements?financialYear=2025/26&commissioner=00C")
                .then().statusCode(200).extract().response());
        assertThat(commissioner.getString("commissioner")).isEqualTo("00C");
        assertThat(json(asCommissioner().get("/api/v1/entitlements?financialYear=2025/26&commissioner=99Z").then()
                .extract().response()).getList("entitlements")).isEmpty();
        asCommissioner().accept("text/csv").get("/api/v1/entitlements?financialYear=2025/26").then().statusCode(200)
                .body(containsString("financial_year,network_code,network_name,commissioner_code,total"))
                .body(containsString("2025/26," + network + ",TEST PCN " + network + ",00C,"));
    }

    @Test
    void moneyIsReadByCommissionersFinanceAndTheNetworksOwnManagerOnly() {
        String network = networkWithPractice(10_000, "10500", "10200").get(0);
        String path = "/api/v1/networks/" + network + "/payments?financialYear=2025/26";
        asManager(network).get(path).then().statusCode(200);
        asFinance().get(path).then().statusCode(200);
        asManager("U99999").get(path).then().statusCode(403).body("detail", containsString(network));
        uk.nhs.pcn.funding.FundingTestSupport.as(TestTokens.viewer()).get(path).then().statusCode(403);
        uk.nhs.pcn.funding.FundingTestSupport.as(TestTokens.token(List.of("link-worker"), List.of(network))).get(path)
                .then().statusCode(403);
        io.restassured.RestAssured.given().get(path).then().statusCode(401);
        asManager(network).post("/api/v1/networks/" + network + "/payments/2025-04/confirm").then().statusCode(403);
        asManager(network).get("/api/v1/entitlements?financialYear=2025/26").then().statusCode(403);
        asManager(network).get("/api/v1/networks/" + network + "/arrs?financialYear=2025/26").then().statusCode(200);
        asFinance().body(Map.of("from", "2025-04-01", "beds", 3)).post("/api/v1/networks/" + network
                + "/care-home-beds").then().statusCode(403);
    }

    @Test
    void badRequestsAreProblemsThatNameTheParameter() {
        String network = networkWithPractice(10_000, "10500", "10200").get(0);
        // Without the required financialYear on purpose: only the answer is held to the document.
        asCommissioner().filter(OpenApiValidation.responseOnly()).get("/api/v1/networks/" + network + "/payments")
                .then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("financialYear"));
        asCommissioner().get("/api/v1/networks/" + network + "/payments?financialYear=2025-26").then()
                .statusCode(400).body("detail", containsString("2024/25"));
        asCommissioner().get("/api/v1/networks/" + network + "/payments?financialYear=2019/20").then()
                .statusCode(404).body("detail", containsString("it covers 2021/22, 2022/23, 2023/24, 2024/25, 2025/26"));
        asCommissioner().get("/api/v1/networks/U99990/payments?financialYear=2025/26").then().statusCode(404);
        asCommissioner().post("/api/v1/networks/" + network + "/payments/2025-13/confirm").then().statusCode(400)
                .body("errors[0].field", equalTo("month"));
        asCommissioner().filter(OpenApiValidation.responseOnly()).body(Map.of("from", "2025-04-01", "beds", -1))
                .post("/api/v1/networks/" + network
                + "/care-home-beds").then().statusCode(400).body("errors[0].field", equalTo("beds"));
    }
}
