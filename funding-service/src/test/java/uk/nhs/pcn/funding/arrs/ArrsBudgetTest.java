package uk.nhs.pcn.funding.arrs;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.funding.FundingTestSupport.asCommissioner;
import static uk.nhs.pcn.funding.FundingTestSupport.asManager;
import static uk.nhs.pcn.funding.FundingTestSupport.json;
import static uk.nhs.pcn.funding.FundingTestSupport.networkWithPractice;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.workforce.MonthlyClaimCalculated;
import uk.nhs.pcn.testsupport.EventPublisher;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TopicRecorder;

@QuarkusTest
class ArrsBudgetTest {

    @Test
    void claimsReduceTheHeadroomAndPassingTheSumIsAnnouncedOnce() {
        // 2025/26 ARRS sum: £26.631 × 1,000 weighted = £26,631.00.
        String network = networkWithPractice(1_000, "1000", "1000").get(0);
        String path = "/api/v1/networks/" + network + "/arrs?financialYear=2025/26";
        JsonPath budget = json(asManager(network).get(path).then().statusCode(200).extract().response());
        assertThat(budget.getObject("arrsSum", BigDecimal.class)).isEqualByComparingTo("26631.00");
        assertThat(budget.getObject("headroom", BigDecimal.class)).isEqualByComparingTo("26631.00");

        try (TopicRecorder funding = TopicRecorder.fromNow(Topics.FUNDING);
                EventPublisher workforce = new EventPublisher()) {
            workforce.publish(Topics.WORKFORCE, network, claim(network, "2025-04", "20000.00", "20000.00"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> json(asManager(network).get(path).then()
                    .extract().response()).getObject("headroom", BigDecimal.class).compareTo(new BigDecimal("6631.00")) == 0);
            // The month recalculated by workforce replaces its claim, it does not add to it.
            workforce.publish(Topics.WORKFORCE, network, claim(network, "2025-04", "21000.00", "21000.00"));
            workforce.publish(Topics.WORKFORCE, network, claim(network, "2025-05", "6000.00", "27000.00"));

            RecordedEvent exceeded = funding.await(r -> network.equals(r.key()) && r.isType("ArrsSumExceeded.v1"), 1,
                    Duration.ofSeconds(30)).get(0);
            assertThat(exceeded.contractProblems()).isEmpty();
            assertThat(exceeded.body().path("excess").decimalValue()).isEqualByComparingTo("369.00");
            assertThat(exceeded.text("latestClaimMonth")).isEqualTo("2025-05");

            JsonPath over = json(asManager(network).get(path).then().extract().response());
            assertThat(over.getObject("claimsToDate", BigDecimal.class)).isEqualByComparingTo("27000.00");
            assertThat(over.getObject("headroom", BigDecimal.class)).isEqualByComparingTo("-369.00");
            assertThat(over.getBoolean("exceeded")).isTrue();
            assertThat(over.getList("claims")).hasSize(2);
            assertThat(json(asCommissioner().get("/api/v1/arrs?financialYear=2025/26&exceeded=true").then()
                    .statusCode(200).extract().response()).getList("networkCode")).contains(network);

            // A further claim while over the sum is not announced again.
            workforce.publish(Topics.WORKFORCE, network, claim(network, "2025-06", "100.00", "27100.00"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> json(asManager(network).get(path).then()
                    .extract().response()).getList("claims").size() == 3);
            assertThat(funding.drain(Duration.ofSeconds(2))).filteredOn(r -> network.equals(r.key())
                    && r.isType("ArrsSumExceeded.v1")).hasSize(1);
        }
    }

    @Test
    void anArrsSumWhoseRateIsUnknownSaysSoRatherThanShowingNoHeadroom() {
        String network = networkWithPractice(1_000, "1000", "1000").get(0);
        JsonPath budget = json(asCommissioner().get("/api/v1/networks/" + network + "/arrs?financialYear=2022/23")
                .then().statusCode(200).extract().response());
        assertThat(budget.getString("arrsSum")).isNull();
        assertThat(budget.getString("headroom")).isNull();
        assertThat(budget.getString("unavailableReason")).contains("rate is not confirmed");
    }

    private static MonthlyClaimCalculated claim(String network, String month, String total, String yearToDate) {
        return new MonthlyClaimCalculated(network, month, "2025/26", 1, new BigDecimal(total),
                new BigDecimal(yearToDate), LocalDate.parse(month + "-01"));
    }
}
