package uk.nhs.pcn.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static uk.nhs.pcn.registry.RegistryTestSupport.asCommissioner;
import static uk.nhs.pcn.registry.RegistryTestSupport.asViewer;
import static uk.nhs.pcn.testsupport.openapi.OpenApiValidation.responseOnly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.registry.RegistryTestSupport;
import uk.nhs.pcn.testsupport.KafkaBroker;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TopicRecorder;

/**
 * The national ePCN file (December 2019), the January 2021 list sizes and the 2020/21 NHS payments file (weighted
 * populations), from ../shared/data. The methods run in order: each builds on the registry the previous one left.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EpcnImportTest {

    static final Path DATA = Path.of(System.getProperty("pcn.shared.data", "../../shared/data"));
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PAYMENTS = "nhs-payments-to-general-practice-2020-21.csv";

    @Inject
    AgroalDataSource dataSource;

    @Test
    @Order(1)
    void aFileWithInvalidRowsIsRejectedWholeWithEveryProblemListedAndNothingWritten() throws Exception {
        String details = """
                PCN Code,PCN Name,Current Clinical Commissioning Group Code,Clinical Commissioning Group Name,Open Date (YYYYMMDD),Close Date,Postcode
                U45102,DARLINGTON PCN,00C,NHS DARLINGTON CCG,20191001,,DL1 1AA
                X1234,BAD CODE PCN,00C,NHS DARLINGTON CCG,20191001,,
                U57480,SWAGGA PCN,99A,NHS LIVERPOOL CCG,2019-13-45,,
                """;
        String partners = """
                Partner Organisation Code,Partner Name,Practice Parent CCG Code,Practice Parent CCG Name,PCN Code,PCN Name,PCN Parent CCG Code,PCN Parent CCG Name,Practice to PCN Relationship Start Date,Practice to PCN Relationship End Date,Practice CCG and PCN CCG match?
                A83005,WHINFIELD MEDICAL PRACTICE,00C,NHS DARLINGTON CCG,U45102,DARLINGTON PCN,00C,NHS DARLINGTON CCG,20191001,,1
                A83006,ORCHARD COURT SURGERY,00C,NHS DARLINGTON CCG,U99999,NOWHERE PCN,00C,NHS DARLINGTON CCG,20191001,,1
                A83005,WHINFIELD MEDICAL PRACTICE,00C,NHS DARLINGTON CCG,U45102,DARLINGTON PCN,00C,NHS DARLINGTON CCG,20191101,,1
                """;
        long outboxBefore = count("SELECT count(*) FROM outbox_event");
        JsonPath problem = asCommissioner().contentType("multipart/form-data")
                .multiPart("pcnDetails", "pcn-details.csv", details.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("corePartnerDetails", "partners.csv", partners.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/v1/imports/epcn")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("nothing was imported"))
                .extract().jsonPath();
        List<String> described = problem.getList("errors", java.util.Map.class).stream()
                .map(e -> e.get("field") + " row " + e.get("row") + " [" + e.get("column") + "]: " + e.get("message"))
                .toList();
        assertThat(described).hasSize(4).anySatisfy(p -> assertThat(p).startsWith("PCN Details row 3 [pcn code]")
                .contains("X1234"))
                .anySatisfy(p -> assertThat(p).startsWith("PCN Details row 4 [open date (yyyymmdd)]"))
                .anySatisfy(p -> assertThat(p).startsWith("PCN Core Partner Details row 3 [pcn code]")
                        .contains("U99999"))
                .anySatisfy(p -> assertThat(p).startsWith("PCN Core Partner Details row 4").contains("also a member").contains("at most one PCN"));
        asViewer().get("/api/v1/networks/U45102").then().statusCode(404);
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(outboxBefore);
    }

    @Test
    @Order(2)
    void aDryRunReportsTheNationalChangesWithoutMakingThem() throws Exception {
        // Memberships other test classes made through the API are not in the national file: it ends them all,
        // which must be confirmed (exactly) when there are any.
        long current = count("SELECT count(*) FROM membership WHERE end_date IS NULL");
        if (current > 0) {
            asCommissioner().contentType(XLSX).body(Files.readAllBytes(DATA.resolve("ePCN-2019-12.xlsx")))
                    .post("/api/v1/imports/epcn?dryRun=true&effectiveDate=2019-12-31")
                    .then().statusCode(422).body("type", equalTo("https://pcn.nhs.uk/problems/confirm-endings"))
                    .body("detail", containsString("would end " + current + " of the registry's " + current));
        }
        asCommissioner().contentType(XLSX).body(Files.readAllBytes(DATA.resolve("ePCN-2019-12.xlsx")))
                .post("/api/v1/imports/epcn?dryRun=true&effectiveDate=2019-12-31&confirmEndings=" + current)
                .then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("counts.networksRegistered", equalTo(1250))
                .body("counts.joins", equalTo(6757))
                .body("eventsPublished", equalTo(0))
                .body("changes", hasSize(500));
        asViewer().get("/api/v1/networks/U45102").then().statusCode(404);
    }

    @Test
    @Order(3)
    void theNationalWorkbookGives1250OpenNetworksAnd6757CurrentMembershipsAndPublishesThem() throws Exception {
        long current = count("SELECT count(*) FROM membership WHERE end_date IS NULL");
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            JsonPath report = asCommissioner().contentType(XLSX)
                    .body(Files.readAllBytes(DATA.resolve("ePCN-2019-12.xlsx")))
                    .post("/api/v1/imports/epcn?effectiveDate=2019-12-31&fileName=ePCN-2019-12.xlsx&confirmEndings="
                            + current)
                    .then().statusCode(200)
                    .body("counts.networksRegistered", equalTo(1250))
                    .body("counts.practicesRegistered", equalTo(6757))
                    .body("counts.joins", equalTo(6757))
                    .extract().jsonPath();
            assertThat(report.getInt("eventsPublished")).isEqualTo(1250 + 6757 + report.getInt("counts.leaves"));
            String sha256 = report.getString("fileSha256");
            // The record of applied imports: when, which file, as at what date, what it changed.
            assertThat(text("SELECT kind || ' ' || file_name || ' ' || effective_date || ' ' "
                    + "|| (imported_at > now() - interval '5 minutes') || ' ' || (imported_by <> '') "
                    + "FROM import_run WHERE sha256 = '" + sha256 + "'"))
                    .isEqualTo("epcn ePCN-2019-12.xlsx 2019-12-31 true true");
            assertThat(text("SELECT summary FROM import_run WHERE sha256 = '" + sha256 + "'"))
                    .contains("\"networksRegistered\":1250", "\"joins\":6757");

            assertThat(count("SELECT count(*) FROM network WHERE code NOT LIKE 'U008%' AND code NOT LIKE 'U009%' AND close_date IS NULL"))
                    .isEqualTo(1250);
            assertThat(count("SELECT count(*) FROM membership WHERE practice_code NOT LIKE 'Z%' AND end_date IS NULL"))
                    .isEqualTo(6757);

            List<RecordedEvent> darlington = topic.await(r -> "U45102".equals(r.key()), 12, Duration.ofSeconds(60));
            assertThat(darlington.get(0).type()).endsWith("NetworkRegistered.v1");
            assertThat(darlington.subList(1, 12)).allSatisfy(e -> assertThat(e.type()).endsWith("PracticeJoinedNetwork.v1"));
            assertThat(darlington).allSatisfy(e -> assertThat(e.contractProblems()).isEmpty());
            assertThat(darlington.get(1).text("effectiveDate")).isEqualTo("2019-10-01");
        }
        asViewer().get("/api/v1/networks/U45102?asAt=2019-12-31").then().statusCode(200)
                .body("name", equalTo("DARLINGTON PCN")).body("members", hasSize(11));
        asViewer().get("/api/v1/networks/U45102?asAt=2019-09-30").then().statusCode(200)
                .body("status", equalTo("NOT_YET_OPEN")).body("members", hasSize(0));
        asViewer().get("/api/v1/practices/A83005/memberships").then().statusCode(200)
                .body("spells", hasSize(1)).body("spells[0].networkCode", equalTo("U45102"));
    }

    @Test
    @Order(4)
    void importingTheSameFileAgainChangesAndPublishesNothing() throws Exception {
        long outboxBefore = count("SELECT count(*) FROM outbox_event");
        long membershipsBefore = count("SELECT count(*) FROM membership");
        asCommissioner().contentType(XLSX).body(Files.readAllBytes(DATA.resolve("ePCN-2019-12.xlsx")))
                .post("/api/v1/imports/epcn?effectiveDate=2020-01-31")
                .then().statusCode(200)
                .body("eventsPublished", equalTo(0))
                .body("changes", hasSize(0));
        // The same data as the two CSV reports is also no change.
        asCommissioner().contentType("multipart/form-data")
                .multiPart("pcnDetails", DATA.resolve("epcn-2019-12-pcn-details.csv").toFile(), "text/csv")
                .multiPart("corePartnerDetails", DATA.resolve("epcn-2019-12-core-partner-details.csv").toFile(),
                        "text/csv")
                .post("/api/v1/imports/epcn?effectiveDate=2020-01-31")
                .then().statusCode(200).body("eventsPublished", equalTo(0));
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(outboxBefore);
        assertThat(count("SELECT count(*) FROM membership")).isEqualTo(membershipsBefore);
    }

    /** The two CSV reports of an ePCN file, as lines. */
    record CsvFile(List<String> details, List<String> partners) {

        io.restassured.specification.RequestSpecification upload() {
            return asCommissioner().contentType("multipart/form-data")
                    .multiPart("pcnDetails", "pcn-details.csv", String.join("\n", details).getBytes(), "text/csv")
                    .multiPart("corePartnerDetails", "partners.csv", String.join("\n", partners).getBytes(),
                            "text/csv");
        }
    }

    /**
     * The December 2019 file as a newer one, in 2022 format: U45102 renamed; U57480 closes on 2020-03-31 with its
     * members; N82033 moves from U35980 to U45102 on 2020-04-01; a new network U00999.
     */
    static CsvFile newerFile() throws IOException {
        List<String> details = new ArrayList<>(Files.readAllLines(DATA.resolve("epcn-2019-12-pcn-details.csv")));
        List<String> partners = new ArrayList<>(
                Files.readAllLines(DATA.resolve("epcn-2019-12-core-partner-details.csv")));
        // 2022-style headers: Sub ICB Location instead of CCG.
        details.set(0, details.get(0).replace("Current Clinical Commissioning Group Code", "Current Sub ICB Loc Code")
                .replace("Clinical Commissioning Group Name", "Sub ICB Location Name"));
        partners.set(0, partners.get(0).replace("Practice Parent CCG Code", "Practice Parent Sub ICB Loc Code")
                .replace("Practice Parent CCG Name", "Practice Parent Sub ICB Loc Name"));
        replaceAll(details, "U45102,DARLINGTON PCN,", "U45102,DARLINGTON HEALTH PCN,");
        details.replaceAll(l -> l.startsWith("U57480,") ? replaceField(l, 5, "20200331") : l);
        partners.replaceAll(l -> l.split(",")[4].equals("U57480") ? replaceField(l, 9, "20200331") : l);
        partners.replaceAll(l -> l.startsWith("N82033,") ? replaceField(l, 9, "20200331") : l);
        String moved = partners.stream().filter(l -> l.startsWith("N82033,")).findFirst().orElseThrow()
                .replace(",U35980,", ",U45102,").replace(",20191001,20200331,", ",20200401,,");
        partners.add(moved);
        details.add("U00999,NEW TEST PCN,00C,NHS DARLINGTON CCG,20200401,,,,,,,DL1 1AA");
        return new CsvFile(details, partners);
    }

    /** The newer file's hash, once applied. */
    static String newerImportSha256;

    static long swaggaMembers() throws IOException {
        return Files.readAllLines(DATA.resolve("epcn-2019-12-core-partner-details.csv")).stream()
                .filter(l -> l.split(",")[4].equals("U57480")).count();
    }

    @Test
    @Order(5)
    void aNewerFileInSubIcbFormatPublishesOnlyTheDifferences() throws Exception {
        long swaggaMembers = swaggaMembers();
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            JsonPath report = newerFile().upload().post("/api/v1/imports/epcn?effectiveDate=2020-04-01")
                    .then().statusCode(200).extract().jsonPath();
            newerImportSha256 = report.getString("fileSha256");
            assertThat(report.getInt("counts.networksRegistered")).isEqualTo(1);
            assertThat(report.getInt("counts.networksRenamed")).isEqualTo(1);
            assertThat(report.getInt("counts.networksClosed")).isEqualTo(1);
            assertThat(report.getInt("counts.joins")).isEqualTo(1);
            assertThat(report.getLong("counts.leaves")).isEqualTo(swaggaMembers + 1);
            int expectedEvents = 1 + 1 + 1 + 1 + (int) swaggaMembers + 1;
            assertThat(report.getInt("eventsPublished")).isEqualTo(expectedEvents);

            List<RecordedEvent> events = topic.await(expectedEvents, Duration.ofSeconds(30));
            assertThat(events).allSatisfy(e -> assertThat(e.contractProblems()).isEmpty());
            assertThat(events).filteredOn(e -> e.isType("NetworkRenamed.v1")).singleElement()
                    .satisfies(e -> assertThat(e.text("name")).isEqualTo("DARLINGTON HEALTH PCN"))
                    .satisfies(e -> assertThat(e.text("effectiveDate")).isEqualTo("2020-04-01"));
            assertThat(events).filteredOn(e -> e.isType("NetworkClosed.v1")).singleElement()
                    .satisfies(e -> assertThat(e.key()).isEqualTo("U57480"));
            RecordedEvent left = events.stream().filter(e -> e.isType("PracticeLeftNetwork.v1")
                    && "N82033".equals(e.text("practiceCode"))).findFirst().orElseThrow();
            RecordedEvent joined = events.stream().filter(e -> e.isType("PracticeJoinedNetwork.v1")).findFirst()
                    .orElseThrow();
            assertThat(left.key()).isEqualTo("U35980");
            assertThat(left.text("effectiveDate")).isEqualTo("2020-03-31");
            assertThat(joined.key()).isEqualTo("U45102");
            assertThat(joined.text("practiceCode")).isEqualTo("N82033");
            assertThat(joined.correlationId()).isEqualTo(left.correlationId());
            // Leaves before joins on the topic, so a consumer never sees a practice in two networks.
            assertThat(events.indexOf(left)).isLessThan(events.indexOf(joined));
        }
        asViewer().get("/api/v1/practices/N82033/memberships").then().statusCode(200)
                .body("spells", hasSize(2)).body("spells[1].networkCode", equalTo("U45102"));
        asViewer().get("/api/v1/networks/U45102?asAt=2020-04-01").then()
                .body("name", equalTo("DARLINGTON HEALTH PCN")).body("members", hasSize(12));
        asViewer().get("/api/v1/networks/U45102?asAt=2020-03-01").then()
                .body("name", equalTo("DARLINGTON PCN")).body("members", hasSize(11));
        asViewer().get("/api/v1/practices/unaffiliated?asAt=2020-04-01&size=500").then().statusCode(200)
                .body("totalItems", equalTo((int) swaggaMembers));
    }

    @Test
    @Order(6)
    void theOlderFileAfterTheNewerOneIsRefusedBeforeAnythingIsPlannedNamingTheNewerImport() throws Exception {
        String before = registryState();
        long outboxBefore = count("SELECT count(*) FROM outbox_event");
        byte[] older = Files.readAllBytes(DATA.resolve("ePCN-2019-12.xlsx"));
        for (String dryRun : List.of("true", "false")) {
            JsonPath problem = asCommissioner().contentType(XLSX).body(older)
                    .post("/api/v1/imports/epcn?effectiveDate=2020-05-01&dryRun=" + dryRun)
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("https://pcn.nhs.uk/problems/older-import-file"))
                    .extract().jsonPath();
            // The newer import by its date and file hash, and what in this file is older.
            assertThat(problem.getString("detail")).contains("older than the epcn import applied 20",
                    "sha256 " + newerImportSha256, "effective 2020-04-01",
                    "lists as current " + (swaggaMembers() + 1) + " membership(s) that import ended",
                    "as open 1 network(s) it closed", "Nothing was planned or imported")
                    .doesNotContain("retry");
            List<String> errors = problem.getList("errors", java.util.Map.class).stream()
                    .map(e -> e.get("field") + " row " + e.get("row") + ": " + e.get("message")).toList();
            assertThat(errors).hasSize((int) swaggaMembers() + 2)
                    .anySatisfy(e -> assertThat(e).startsWith("PCN Details row").endsWith(
                            "PCN U57480 is open in this file; an import closed it on 2020-03-31"))
                    .anySatisfy(e -> assertThat(e).startsWith("PCN Core Partner Details row").endsWith(
                            "Practice N82033's membership of U35980 from 2019-10-01 is current in this file; an "
                                    + "import ended it on 2020-03-31"));
        }
        // The same from the two CSV reports; and the newer file itself is not older than itself.
        asCommissioner().contentType("multipart/form-data")
                .multiPart("pcnDetails", DATA.resolve("epcn-2019-12-pcn-details.csv").toFile(), "text/csv")
                .multiPart("corePartnerDetails", DATA.resolve("epcn-2019-12-core-partner-details.csv").toFile(),
                        "text/csv")
                .post("/api/v1/imports/epcn?effectiveDate=2020-05-01")
                .then().statusCode(409).body("detail", containsString(newerImportSha256));
        newerFile().upload().post("/api/v1/imports/epcn?effectiveDate=2020-04-01").then().statusCode(200)
                .body("changes", hasSize(0)).body("eventsPublished", equalTo(0));

        assertThat(registryState()).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(outboxBefore);
    }

    @Test
    @Order(7)
    void aHeaderOnlyFileWouldEndEveryMembershipAndIsRefusedUnlessTheExactCountIsConfirmed() throws Exception {
        String before = registryState();
        long outboxBefore = count("SELECT count(*) FROM outbox_event");
        long current = count("SELECT count(*) FROM membership WHERE end_date IS NULL");
        assertThat(current).isGreaterThan(6700);
        CsvFile truncated = new CsvFile(newerFile().details().subList(0, 1), newerFile().partners().subList(0, 1));

        for (String dryRun : List.of("true", "false")) {
            truncated.upload().post("/api/v1/imports/epcn?effectiveDate=2020-05-01&dryRun=" + dryRun)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://pcn.nhs.uk/problems/confirm-endings"))
                    .body("detail", containsString("would end " + current + " of the registry's " + current
                            + " current memberships: more than 5% of them"))
                    .body("detail", containsString("confirmEndings=" + current))
                    .body("errors[0].field", equalTo("confirmEndings"));
        }
        truncated.upload().post("/api/v1/imports/epcn?effectiveDate=2020-05-01&confirmEndings=" + (current - 1))
                .then().statusCode(422)
                .body("detail", containsString("would end " + current + " of the registry's " + current
                        + " current memberships, not the " + (current - 1) + " confirmed"));
        // Confirmed with the exact count, the dry run shows what the import would do.
        truncated.upload().post("/api/v1/imports/epcn?effectiveDate=2020-05-01&dryRun=true&confirmEndings=" + current)
                .then().statusCode(200).body("dryRun", equalTo(true)).body("eventsPublished", equalTo(0))
                .body("counts.leaves", equalTo((int) current));
        assertThat(registryState()).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(outboxBefore);

        // Confirmed by mistake, the truncated file ends them all; the full file, imported again, is not "older"
        // (the truncated file gave no end dates) and reopens every one.
        truncated.upload().post("/api/v1/imports/epcn?effectiveDate=2020-05-01&confirmEndings=" + current)
                .then().statusCode(200).body("counts.leaves", equalTo((int) current));
        assertThat(count("SELECT count(*) FROM membership WHERE end_date IS NULL")).isZero();
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            newerFile().upload().post("/api/v1/imports/epcn?effectiveDate=2020-05-01").then().statusCode(200)
                    .body("changes", hasSize(500)).body("changesNotListed", equalTo((int) current - 500));
            // To consumers, who were told the membership ended on 2020-04-30, the practice rejoins the next day.
            RecordedEvent rejoined = topic.await(r -> "U45102".equals(r.key())
                    && "A83005".equals(r.text("practiceCode")), 1, Duration.ofSeconds(60)).get(0);
            assertThat(rejoined.type()).endsWith("PracticeJoinedNetwork.v1");
            assertThat(rejoined.text("effectiveDate")).isEqualTo("2020-05-01");
        }
        assertThat(registryState()).isEqualTo(before);
    }

    @Test
    @Order(8)
    void aFileWithoutOneCommissionersMembershipsIsRefusedNamingTheCommissioner() throws Exception {
        long darlington = count("SELECT count(*) FROM membership m JOIN network n ON n.code = m.network_code "
                + "WHERE n.commissioner_code = '00C' AND m.end_date IS NULL");
        assertThat(darlington).isEqualTo(12);
        CsvFile newer = newerFile();
        List<String> partners = new ArrayList<>(newer.partners());
        partners.removeIf(l -> l.split(",")[4].equals("U45102"));
        CsvFile withoutDarlington = new CsvFile(newer.details(), partners);

        withoutDarlington.upload().post("/api/v1/imports/epcn?effectiveDate=2020-05-01&dryRun=true")
                .then().statusCode(422)
                .body("detail", containsString("would end 12 of the registry's"))
                .body("detail", containsString("every one of commissioner 00C's (12)"))
                .body("detail", not(containsString("more than 5%")))
                .body("errors[1].rule", equalTo("commissioner-emptied"))
                .body("errors[1].message", containsString("commissioner 00C's networks (12)"));
        withoutDarlington.upload().post("/api/v1/imports/epcn?effectiveDate=2020-05-01&dryRun=true&confirmEndings=12")
                .then().statusCode(200).body("counts.leaves", equalTo(12));
    }

    @Test
    @Order(9)
    void aFileThatWouldPutAPracticeInTwoNetworksOnOneDayIsTheNamedOverlapNotAGenericConflict() throws Exception {
        // The registry moved the practice from `first` to `second` in June 2020 through the API; a file made before
        // the move still lists it in `first`.
        String first = RegistryTestSupport.registerNetwork("2019-07-01");
        String second = RegistryTestSupport.registerNetwork("2019-07-01");
        String practice = RegistryTestSupport.registerPractice();
        RegistryTestSupport.join(practice, first, "2019-10-01");
        asCommissioner().body(java.util.Map.of("networkCode", second, "from", "2020-06-01"))
                .post("/api/v1/practices/" + practice + "/memberships/move").then().statusCode(200);
        String header = newerFile().details().get(0);
        CsvFile file = new CsvFile(
                List.of(header, first + ",TEST PCN " + first + ",00C,NHS DARLINGTON CCG,20190701,,,,,,,",
                        second + ",TEST PCN " + second + ",00C,NHS DARLINGTON CCG,20190701,,,,,,,"),
                List.of(newerFile().partners().get(0), practice + ",TEST SURGERY " + practice
                        + ",00C,NHS DARLINGTON CCG," + first + ",TEST PCN,00C,NHS DARLINGTON CCG,20191001,,1"));
        String before = registryState();

        for (String dryRun : List.of("true", "false")) {
            file.upload().post("/api/v1/imports/epcn?effectiveDate=2020-01-01&dryRun=" + dryRun)
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("https://pcn.nhs.uk/problems/overlapping-membership"))
                    .body("detail", containsString("Practice " + practice + " would be a member of " + first
                            + " from 2019-10-01 (current) and of " + second + " from 2020-06-01"))
                    .body("detail", not(containsString("retry")))
                    .body("errors[0].field", equalTo("PCN Core Partner Details"))
                    .body("errors[0].row", equalTo(2));
        }
        assertThat(registryState()).isEqualTo(before);
    }

    /** Every network's and membership's dates, to show a refused import changed nothing. */
    private String registryState() throws SQLException {
        return text("SELECT (SELECT string_agg(code || coalesce(close_date::text, '-'), ',' ORDER BY code) "
                + "FROM network) || (SELECT string_agg(id || ':' || coalesce(end_date::text, '-'), ',' ORDER BY id) "
                + "FROM membership)");
    }

    @Test
    @Order(10)
    void theNationalListSizeFileRecordsKnownPracticesAndReportsUnknownOnes() throws Exception {
        byte[] csv = Files.readAllBytes(DATA.resolve("gp-reg-pat-prac-all-2021-01.csv"));
        JsonPath report = asCommissioner().contentType("text/csv").body(csv)
                .post("/api/v1/imports/list-sizes?fileName=gp-reg-pat-prac-all-2021-01.csv")
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("counts.listSizesRecorded")).isEqualTo(6563);
        assertThat(report.getInt("counts.unknownPractices")).isEqualTo(95);
        assertThat(report.getList("unknownPractices")).hasSize(95).doesNotContain("A83005");
        assertThat(report.getString("effectiveDate")).isEqualTo("2021-01-01");

        asViewer().get("/api/v1/networks/U45102?asAt=2021-01-01").then().statusCode(200)
                .body("population.registeredPatients", equalTo(109585 + registered(csv, "N82033")))
                .body("warnings[0].code", equalTo("ABOVE_GUIDANCE_SIZE"));
        asCommissioner().contentType("text/csv").body(csv).post("/api/v1/imports/list-sizes").then()
                .statusCode(200).body("counts.listSizesRecorded", equalTo(0)).body("eventsPublished", equalTo(0));
    }

    @Test
    @Order(11)
    void thePaymentsFileGivesKnownPracticesTheirWeightedPopulationAsAtJanuary2021AndKeepsTheirCounts()
            throws Exception {
        byte[] csv = Files.readAllBytes(DATA.resolve(PAYMENTS));
        long outboxBefore = count("SELECT count(*) FROM outbox_event");
        asCommissioner().contentType("text/csv").body(csv).post("/api/v1/imports/weighted-populations?dryRun=true")
                .then().statusCode(200).body("counts.listSizesRecorded", equalTo(6630))
                .body("eventsPublished", equalTo(0));
        assertThat(count("SELECT count(*) FROM list_size WHERE weighted_population IS NOT NULL")).isZero();

        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            JsonPath report = asCommissioner().contentType("text/csv").body(csv)
                    .post("/api/v1/imports/weighted-populations?fileName=" + PAYMENTS)
                    .then().statusCode(200).extract().jsonPath();
            // 6,808 rows: 6,693 practices the registry knows, 63 of them without a figure (0 in the file).
            assertThat(report.getString("effectiveDate")).isEqualTo("2021-01-01");
            assertThat(report.getString("basis")).contains("Last Known Figure").contains("approximate");
            assertThat(report.getInt("counts.rowsRead")).isEqualTo(6808);
            assertThat(report.getInt("counts.listSizesRecorded")).isEqualTo(6630);
            assertThat(report.getInt("counts.unknownPractices")).isEqualTo(115);
            assertThat(report.getInt("counts.practicesWithoutFigures")).isEqualTo(63);
            assertThat(report.getList("practicesWithoutFigures")).hasSize(63).contains("J82188");
            // 91 practices had no January 2021 count: they get the file's (averaged) registered figure.
            assertThat(report.getInt("counts.registeredFromFile")).isEqualTo(91);
            assertThat(report.getInt("eventsPublished")).isEqualTo(6630);

            RecordedEvent whinfield = topic.await(r -> "U45102".equals(r.key())
                    && "A83005".equals(r.text("practiceCode")), 1, Duration.ofSeconds(60)).get(0);
            assertThat(whinfield.contractProblems()).isEmpty();
            assertThat(whinfield.body().path("weightedPopulation").decimalValue()).isEqualByComparingTo("12616.94");
            assertThat(whinfield.body().path("registeredPatients").asLong()).isEqualTo(11974);
            assertThat(whinfield.text("weightedPopulationSource")).isEqualTo("nhs-payments-last-known");
            assertThat(whinfield.text("registeredPatientsSource")).isEqualTo("nhsd-patients-registered");
        }
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(outboxBefore + 6630);

        // The count from the list-size file is kept beside the weighted figure from the payments file.
        asViewer().get("/api/v1/practices/A83005/list-sizes").then().statusCode(200)
                .body("[0].asAt", equalTo("2021-01-01")).body("[0].registeredPatients", equalTo(11974))
                .body("[0].weightedPopulation", equalTo(12616.94f))
                .body("[0].source", equalTo("nhsd-patients-registered"))
                .body("[0].weightedPopulationSource", equalTo("nhs-payments-last-known"));
        // G83003 has no row in the January 2021 list-size file: the file's 5,165.5 is recorded as 5,166.
        asViewer().get("/api/v1/practices/G83003/list-sizes").then().statusCode(200)
                .body("[0].registeredPatients", equalTo(5166)).body("[0].weightedPopulation", equalTo(5150.68f))
                .body("[0].source", equalTo("nhs-payments-last-known"));
        // J82188 had 4,578 patients in January 2021 but 0 in the payments file: no weighted figure is invented.
        asViewer().get("/api/v1/practices/J82188/list-sizes").then().statusCode(200)
                .body("[0].registeredPatients", equalTo(4578)).body("[0].weightedPopulation", nullValue());
        // Darlington's 12 members on 1 January 2021, summed exactly.
        asViewer().get("/api/v1/networks/U45102?asAt=2021-01-01").then().statusCode(200)
                .body("population.weightedPopulation", equalTo(119336.12f));
        assertThat(decimal("SELECT sum(weighted_population) FROM list_size ls JOIN membership m "
                + "ON m.practice_code = ls.practice_code AND m.network_code = 'U45102' AND m.start_date <= ls.as_at "
                + "AND (m.end_date IS NULL OR m.end_date >= ls.as_at) WHERE ls.as_at = '2021-01-01'"))
                .isEqualByComparingTo("119336.12");
    }

    @Test
    @Order(12)
    void importingThePaymentsFileOrTheListSizeFileAgainChangesAndPublishesNothing() throws Exception {
        long outboxBefore = count("SELECT count(*) FROM outbox_event");
        String sizesBefore = text("SELECT string_agg(practice_code || registered_patients || source || "
                + "coalesce(weighted_population::text, '-') || coalesce(weighted_source, '-'), ',' "
                + "ORDER BY practice_code) FROM list_size WHERE as_at = '2021-01-01'");
        asCommissioner().contentType("multipart/form-data")
                .multiPart("file", DATA.resolve(PAYMENTS).toFile(), "text/csv")
                .post("/api/v1/imports/weighted-populations?effectiveDate=2021-01-01")
                .then().statusCode(200)
                .body("counts.listSizesRecorded", equalTo(0)).body("counts.listSizesUnchanged", equalTo(6630))
                .body("eventsPublished", equalTo(0)).body("changes", hasSize(0));
        asCommissioner().contentType("text/csv").body(Files.readAllBytes(DATA.resolve("gp-reg-pat-prac-all-2021-01.csv")))
                .post("/api/v1/imports/list-sizes").then().statusCode(200)
                .body("counts.listSizesRecorded", equalTo(0)).body("eventsPublished", equalTo(0));
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(outboxBefore);
        assertThat(text("SELECT string_agg(practice_code || registered_patients || source || "
                + "coalesce(weighted_population::text, '-') || coalesce(weighted_source, '-'), ',' "
                + "ORDER BY practice_code) FROM list_size WHERE as_at = '2021-01-01'")).isEqualTo(sizesBefore);
    }

    @Test
    @Order(13)
    void badImportRequestsGetClear4xxs() {
        asCommissioner().contentType(XLSX).body("not a workbook".getBytes()).post("/api/v1/imports/epcn").then()
                .statusCode(400).body("detail", containsString("not an xlsx workbook"));
        asCommissioner().filter(responseOnly()).body("{}").post("/api/v1/imports/epcn").then().statusCode(415);
        asCommissioner().contentType("text/csv").body("CODE,NUMBER_OF_PATIENTS,EXTRACT_DATE\nA83005,many,01JAN2021\n")
                .post("/api/v1/imports/list-sizes").then().statusCode(422)
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo("NUMBER_OF_PATIENTS"));
        asViewer().contentType("text/csv").body("CODE,NUMBER_OF_PATIENTS,EXTRACT_DATE\n")
                .post("/api/v1/imports/list-sizes").then().statusCode(403);
        for (String count : List.of("-1", "many")) {
            asCommissioner().filter(responseOnly()).contentType(XLSX).body(new byte[] { 'P', 'K', 3, 4 })
                    .post("/api/v1/imports/epcn?confirmEndings=" + count).then().statusCode(400)
                    .body("errors[0].field", equalTo("confirmEndings"));
        }
    }

    @Test
    @Order(20)
    void aConsumerThatStartsAfterTheImportBuildsEveryNetworkAndMembershipFromTheFirstEvent() throws Exception {
        // The public topic keeps every event: a system that joins next year reads it from offset 0.
        try (Admin admin = KafkaBroker.shared().admin()) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REGISTRY);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(config.get("retention.ms").value()).as("retention.ms of " + Topics.REGISTRY).isEqualTo("-1");
            assertThat(config.get("retention.bytes").value()).isEqualTo("-1");
        }
        Awaitility.await("outbox drained").atMost(Duration.ofSeconds(60))
                .until(() -> count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0);

        LateRegistryConsumer late = LateRegistryConsumer.readFromTheFirstEvent(KafkaBroker.shared().bootstrapServers());

        Set<String> networks = strings("SELECT code FROM network");
        Set<String> memberships = strings("SELECT practice_code || '>' || network_code FROM membership WHERE end_date IS NULL");
        assertThat(networks).hasSizeGreaterThanOrEqualTo(1250);
        assertThat(memberships).hasSizeGreaterThanOrEqualTo(6757 - 30);
        assertThat(late.networks()).containsExactlyInAnyOrderElementsOf(networks);
        assertThat(late.currentMemberships()).containsExactlyInAnyOrderElementsOf(memberships);
        assertThat(late.names().get("U45102")).isEqualTo("DARLINGTON HEALTH PCN");
    }

    private Set<String> strings(String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static int registered(byte[] csv, String practice) {
        return new String(csv, StandardCharsets.UTF_8).lines().map(l -> l.split(","))
                .filter(f -> f[5].equals(practice)).mapToInt(f -> Integer.parseInt(f[9])).findFirst().orElseThrow();
    }

    private static void replaceAll(List<String> lines, String from, String to) {
        lines.replaceAll(l -> l.replace(from, to));
    }

    /** Replaces one comma-separated field (the reference CSVs quote no field that holds a comma in these rows). */
    private static String replaceField(String line, int index, String value) {
        String[] fields = line.split(",", -1);
        fields[index] = value;
        return java.util.Arrays.stream(fields).collect(Collectors.joining(","));
    }

    private java.math.BigDecimal decimal(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    private String text(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
