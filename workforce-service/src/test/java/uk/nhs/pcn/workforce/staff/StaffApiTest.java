package uk.nhs.pcn.workforce.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static uk.nhs.pcn.testsupport.openapi.OpenApiValidation.responseOnly;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.appointment;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.asCommissioner;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.asManager;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.knownNetwork;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TopicRecorder;

@QuarkusTest
class StaffApiTest {

    @Test
    void thoseInPostOnAnyDayOfAPeriodIncludeStartersAndLeaversEvenOneWhoCameAndWentWithinIt() {
        String code = knownNetwork("2019-07-01", 40_000);
        String base = "/api/v1/networks/" + code + "/staff";
        JsonPath appointed = asManager(code).body(appointment("care-coordinator", "1.0", "2024-04-01", "30000",
                "7000")).post(base).then().statusCode(201).extract().jsonPath();
        String left = appointed.getString("staffReference");
        String leftId = appointed.getString("id");
        asManager(code).body(Map.of("lastDay", "2024-06-30")).post(base + "/" + leftId + "/end").then()
                .statusCode(200);
        var brief = appointment("care-coordinator", "0.5", "2024-05-10", "30000", "7000");
        String briefId = asManager(code).body(brief).post(base).then().statusCode(201).extract().path("id");
        asManager(code).body(Map.of("lastDay", "2024-05-20")).post(base + "/" + briefId + "/end").then()
                .statusCode(200);
        asManager(code).body(appointment("care-coordinator", "1.0", "2024-08-01", "30000", "7000")).post(base)
                .then().statusCode(201);

        List<String> inPeriod = asManager(code).get(base + "?from=2024-05-01&to=2024-07-31").then().statusCode(200)
                .extract().jsonPath().getList("staffReference");
        assertThat(inPeriod).containsExactlyInAnyOrder(left, (String) brief.get("staffReference"));
        // On a single day, only those in post that day.
        assertThat(asManager(code).get(base + "?asAt=2024-07-31").then().statusCode(200).extract().jsonPath()
                .getList("staffReference")).isEmpty();

        asManager(code).get(base + "?from=2024-05-01&to=2024-04-30").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        asManager(code).get(base + "?from=2024-05-01").then().statusCode(400).body("errors[0].field", equalTo("to"));
        asManager(code).get(base + "?asAt=2024-05-01&from=2024-05-01&to=2024-06-01").then().statusCode(400)
                .body("errors[0].field", equalTo("asAt"));
    }

    @Test
    void appointingALinkWorkerPublishesStaffAppointedRecognisableAsALinkWorker() {
        String code = knownNetwork("2019-07-01", 40_000);
        try (TopicRecorder workforce = TopicRecorder.fromNow(Topics.WORKFORCE)) {
            String id = asManager(code).body(appointment("social-prescribing-link-worker", "0.8", "2024-04-15",
                    "30000", "7000")).post("/api/v1/networks/" + code + "/staff").then().statusCode(201)
                    .body("terms", hasSize(1)).extract().path("id");
            RecordedEvent event = workforce.await(r -> code.equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(event.type()).isEqualTo("uk.nhs.pcn.workforce.StaffAppointed.v1");
            assertThat(event.body().path("linkWorker").asBoolean()).isTrue();
            assertThat(event.text("appointmentId")).isEqualTo(id);
            assertThat(event.text("effectiveDate")).isEqualTo("2024-04-15");
            assertThat(event.contractProblems()).isEmpty();
        }
    }

    @Test
    void aPayRiseFromADateAddsATermAndPublishesPayChanged() {
        String code = knownNetwork("2019-07-01", 40_000);
        String base = "/api/v1/networks/" + code;
        String id = asManager(code).body(appointment("care-coordinator", "1.0", "2024-04-01", "30000", "7000"))
                .post(base + "/staff").then().statusCode(201).extract().path("id");
        try (TopicRecorder workforce = TopicRecorder.fromNow(Topics.WORKFORCE)) {
            asManager(code).body(Map.of("fullTimeAnnualSalary", 31500, "fullTimeAnnualOnCosts", 7350,
                    "from", "2024-10-01")).post(base + "/staff/" + id + "/pay").then().statusCode(200)
                    .body("terms", hasSize(2));
            RecordedEvent changed = workforce.await(r -> r.isType("PayChanged.v1"), 1, Duration.ofSeconds(20))
                    .get(0);
            assertThat(changed.key()).isEqualTo(code);
            assertThat(changed.text("appointmentId")).isEqualTo(id);
            assertThat(changed.body().path("fullTimeAnnualSalary").decimalValue()).isEqualByComparingTo("31500");
            assertThat(changed.text("effectiveDate")).isEqualTo("2024-10-01");
            assertThat(changed.contractProblems()).isEmpty();
        }
    }

    @Test
    void aMonthsClaimWithAMidMonthStartAMidMonthChangeAndPayAboveTheCapComesOutToThePenny() {
        String code = knownNetwork("2019-07-01", 40_000);
        String base = "/api/v1/networks/" + code;
        // Starts 16 June 2024 full time at £55,000: 15/30 of 55,000/12 = 2,291.67.
        asManager(code).body(appointment("clinical-pharmacist", "1.0", "2024-06-16", "45000", "10000"))
                .post(base + "/staff").then().statusCode(201);
        // Link worker from April at 0.6 WTE, 1.0 from 11 June: 0.6×10/30 + 1.0×20/30 of 37,000/12.
        String linkWorker = asManager(code).body(appointment("social-prescribing-link-worker", "0.6", "2024-04-01",
                "30000", "7000")).post(base + "/staff").then().statusCode(201).extract().path("id");
        try (TopicRecorder workforce = TopicRecorder.fromNow(Topics.WORKFORCE)) {
            asManager(code).body(Map.of("wte", 1.0, "from", "2024-06-11"))
                    .post(base + "/staff/" + linkWorker + "/hours").then().statusCode(200).body("terms", hasSize(2));
            RecordedEvent changed = workforce.await(r -> r.isType("WorkingHoursChanged.v1"), 1,
                    Duration.ofSeconds(20)).get(0);
            assertThat(changed.body().path("previousWte").decimalValue()).isEqualByComparingTo("0.6");
            assertThat(changed.contractProblems()).isEmpty();
        }
        // Pharmacy technician at £52,000 + £11,000, above the £40,159 maximum, half time all month.
        asManager(code).body(appointment("pharmacy-technician", "0.5", "2024-01-01", "52000", "11000"))
                .post(base + "/staff").then().statusCode(201);

        JsonPath claim;
        try (TopicRecorder workforce = TopicRecorder.fromNow(Topics.WORKFORCE)) {
            claim = asManager(code).post(base + "/claims/2024-06").then().statusCode(201)
                    .header("Location", containsString(base + "/claims/2024-06")).extract().jsonPath();
            RecordedEvent calculated = workforce.await(r -> r.isType("MonthlyClaimCalculated.v1"), 1,
                    Duration.ofSeconds(20)).get(0);
            assertThat(calculated.body().path("totalAmount").decimalValue()).isEqualByComparingTo("6637.19");
            assertThat(calculated.contractProblems()).isEmpty();
        }
        List<Map<String, Object>> lines = claim.getList("lines");
        assertThat(lines).extracting(l -> l.get("roleCode") + " " + l.get("daysInPost") + " " + l.get("amount"))
                .containsExactly(
                        "clinical-pharmacist 15 2291.67",
                        "pharmacy-technician 30 1673.29",       // 40,159 / 12 × 0.5 = 1,673.2916…
                        "social-prescribing-link-worker 10 616.67", // 37,000 × 0.6 × 10 / 360 = 616.666…
                        "social-prescribing-link-worker 20 2055.56"); // 37,000 × 20 / 360 = 2,055.555…
        assertThat(claim.getString("total")).isEqualTo("6637.19"); // 2,291.67 + 1,673.29 + 616.67 + 2,055.56
        assertThat((String) lines.get(1).get("basis")).contains("£40,159.00 maximum");
        assertThat(lines.get(1).get("rateSetYear")).isEqualTo("2023/24");

        asManager(code).post(base + "/claims/2024-05").then().statusCode(201);
        // Calculating a month again replaces its claim.
        asManager(code).post(base + "/claims/2024-05").then().statusCode(200);
        asCommissioner().get(base + "/claims?financialYear=2024/25").then().statusCode(200)
                .body("months", hasSize(2))
                .body("total", equalTo(claim.getFloat("total") + asCommissioner().get(base + "/claims/2024-05")
                        .then().extract().jsonPath().getFloat("total")));
    }

    @Test
    void aMonthNeedingAnUnknownFigureShowsTheKnownLinesAndNeitherItNorTheYearToDateClaimsToBeComplete() {
        String code = knownNetwork("2019-07-01", 40_000);
        String base = "/api/v1/networks/" + code;
        String linkWorker = asManager(code).body(appointment("social-prescribing-link-worker", "1.0", "2024-04-01",
                "30000", "7000")).post(base + "/staff").then().statusCode(201).extract().path("id");
        asManager(code).body(appointment("clinical-pharmacist", "1.0", "2024-04-01", "50000", "12000"))
                .post(base + "/staff").then().statusCode(201);
        // September: both maxima known. 37,000 / 12 + 62,000 / 12 = 3,083.33 + 5,166.67.
        asManager(code).post(base + "/claims/2024-09").then().statusCode(201)
                .body("complete", equalTo(true)).body("unavailableLines", hasSize(0))
                .body("total", equalTo(8250.00f));

        // November: the link worker's maximum is unknown from October 2024.
        JsonPath november;
        try (TopicRecorder workforce = TopicRecorder.fromNow(Topics.WORKFORCE)) {
            november = asManager(code).post(base + "/claims/2024-11").then().statusCode(201).extract().jsonPath();
            RecordedEvent calculated = workforce.await(r -> r.isType("MonthlyClaimCalculated.v1")
                    && code.equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(calculated.contractProblems()).isEmpty();
            assertThat(calculated.body().path("complete").isBoolean()).isTrue();
            assertThat(calculated.body().path("complete").asBoolean()).isFalse();
            assertThat(calculated.body().path("lineCount").asInt()).isEqualTo(1);
            assertThat(calculated.body().path("totalAmount").decimalValue()).isEqualByComparingTo("5166.67");
            assertThat(calculated.body().path("yearToDateAmount").decimalValue()).isEqualByComparingTo("13416.67");
            assertThat(calculated.body().path("yearToDateComplete").asBoolean(true)).isFalse();
            var published = calculated.body().path("unavailableLines");
            assertThat(published).hasSize(1);
            assertThat(published.get(0).path("appointmentId").asText()).isEqualTo(linkWorker);
            assertThat(published.get(0).path("roleCode").asText()).isEqualTo("social-prescribing-link-worker");
            assertThat(published.get(0).path("unknownFrom").asText()).isEqualTo("2024-10-01");
            assertThat(published.get(0).has("fullTimeAnnualCost")).as("no pay on the topic").isFalse();
        }
        assertThat(november.getBoolean("complete")).isFalse();
        assertThat(november.getList("lines.roleCode")).containsExactly("clinical-pharmacist");
        assertThat(november.getString("total")).isEqualTo("5166.67"); // the known line only
        assertThat(november.getList("unavailableLines")).hasSize(1);
        assertThat(november.getString("unavailableLines[0].appointmentId")).isEqualTo(linkWorker);
        assertThat(november.getString("unavailableLines[0].missingFigure")).isEqualTo("maxPerWte");
        assertThat(november.getString("unavailableLines[0].reason")).isEqualTo("marked-unknown");
        assertThat(november.getString("unavailableLines[0].unknownFrom")).isEqualTo("2024-10-01");
        assertThat(november.getInt("unavailableLines[0].daysInPost")).isEqualTo(30);
        assertThat(november.getString("unavailableLines[0].explanation")).contains("unknown from 2024-10-01");
        assertThat(november.getBoolean("yearToDateComplete")).isFalse();

        asManager(code).get(base + "/claims/2024-11").then().statusCode(200)
                .body("complete", equalTo(false)).body("unavailableLines[0].roleCode",
                        equalTo("social-prescribing-link-worker"));
        asCommissioner().get(base + "/claims?financialYear=2024/25").then().statusCode(200)
                .body("months.complete", contains(true, false))
                .body("complete", equalTo(false)).body("incompleteMonths", contains("2024-11"))
                .body("total", equalTo(13416.67f));
        // Up to September the year is complete.
        asManager(code).get(base + "/claims/2024-09").then().body("yearToDateComplete", equalTo(true));
    }

    @Test
    void capsAndRoleDatesAreEnforcedWithUsefulMessages() {
        String code = knownNetwork("2019-07-01", 40_000);
        String base = "/api/v1/networks/" + code + "/staff";
        asManager(code).body(appointment("digital-transformation-lead", "1.0", "2024-01-01", "50000", "0"))
                .post(base).then().statusCode(201);
        asManager(code).body(appointment("digital-transformation-lead", "0.2", "2024-06-01", "50000", "0"))
                .post(base).then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Network cap exceeded"))
                .body("detail", containsString("at most 1 Digital and transformation lead"));
        asManager(code).body(appointment("gp", "1.0", "2024-09-01", "90000", "0")).post(base).then()
                .statusCode(422).body("errors[0].message", containsString("reimbursable under ARRS from 2024-10-01"));
        asManager(code).filter(responseOnly()).body(appointment("astronaut", "1.0", "2024-09-01", "90000", "0")).post(base).then()
                .statusCode(400).body("errors[0].field", equalTo("roleCode"));
        asManager(code).filter(responseOnly()).body(appointment("clinical-pharmacist", "1.5", "2024-09-01", "50000", "0")).post(base)
                .then().statusCode(400).body("errors[0].field", equalTo("wte"));
        asManager(code).body(appointment("clinical-pharmacist", "1.0", "2019-06-30", "50000", "0")).post(base)
                .then().statusCode(409).body("detail", containsString("opens on 2019-07-01"));
        asManager(code).filter(responseOnly()).body(Map.of("wte", "lots")).post(base).then().statusCode(400);
        var nhsNumber = appointment("clinical-pharmacist", "1.0", "2024-09-01", "50000", "0");
        nhsNumber.put("staffReference", "943 476 5919");
        asManager(code).body(nhsNumber).post(base).then().statusCode(400)
                .body("errors[0].rule", equalTo("not-nhs-number"));
        asManager("U00001").body(appointment("clinical-pharmacist", "1.0", "2024-09-01", "50000", "0"))
                .post("/api/v1/networks/U00001/staff").then().statusCode(404);
    }

    @Test
    void aManagerWorksOnlyInTheirOwnNetworksAndACommissionerReadsAll() {
        String mine = knownNetwork("2019-07-01", 40_000);
        String theirs = knownNetwork("2019-07-01", 40_000);
        asManager(mine).body(appointment("clinical-pharmacist", "1.0", "2024-06-01", "50000", "0"))
                .post("/api/v1/networks/" + theirs + "/staff").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString(theirs));
        asManager(mine).get("/api/v1/networks/" + theirs + "/staff").then().statusCode(403);
        asManager(mine).post("/api/v1/networks/" + theirs + "/claims/2024-06").then().statusCode(403);
        asCommissioner().body(appointment("clinical-pharmacist", "1.0", "2024-06-01", "50000", "0"))
                .post("/api/v1/networks/" + theirs + "/staff").then().statusCode(403);
        asCommissioner().get("/api/v1/networks/" + theirs + "/staff").then().statusCode(200);
        asManager(mine).get("/api/v1/networks/" + mine + "/workforce").then().statusCode(200);
    }

    @Test
    void theWorkforceSummaryCountsHeadsAndWteByRoleOnADate() {
        String code = knownNetwork("2019-07-01", 40_000);
        String base = "/api/v1/networks/" + code;
        asManager(code).body(appointment("clinical-pharmacist", "1.0", "2024-04-01", "50000", "0"))
                .post(base + "/staff").then().statusCode(201);
        String id = asManager(code).body(appointment("clinical-pharmacist", "0.4", "2024-04-01", "50000", "0"))
                .post(base + "/staff").then().statusCode(201).extract().path("id");
        asManager(code).body(Map.of("lastDay", "2024-06-30")).post(base + "/staff/" + id + "/end").then()
                .statusCode(200).body("endDate", equalTo("2024-06-30"));
        asCommissioner().get(base + "/workforce?asAt=2024-06-30").then().statusCode(200)
                .body("headcount", equalTo(2)).body("wte", equalTo(1.4f));
        asCommissioner().get(base + "/workforce?asAt=2024-07-01").then().statusCode(200)
                .body("headcount", equalTo(1)).body("roles[0].roleName", equalTo("Clinical pharmacist"));
    }

    @Test
    void theCatalogueForAYearSaysWhichFiguresAreUnknown() {
        JsonPath catalogue = asCommissioner().get("/api/v1/arrs/roles?financialYear=2024/25").then().statusCode(200)
                .body("financialYear", equalTo("2024/25")).extract().jsonPath();
        assertThat(catalogue.getList("roles.code")).contains("clinical-pharmacist", "gp")
                .doesNotContain("consultant-nurse");
        assertThat(catalogue.getList("roles.find { it.code == 'clinical-pharmacist' }.maximumPerWte.nationalMaximumPerWte"))
                .containsExactly("62340", "65838");
        assertThat(catalogue.getList("roles.find { it.code == 'social-prescribing-link-worker' }.maximumPerWte.confirmed"))
                .containsExactly(true, false);
        asCommissioner().get("/api/v1/arrs/roles?financialYear=2024-25").then().statusCode(400)
                .body("errors[0].field", equalTo("financialYear"));
    }
}
