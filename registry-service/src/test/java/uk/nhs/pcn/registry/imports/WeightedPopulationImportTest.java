package uk.nhs.pcn.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static uk.nhs.pcn.registry.RegistryTestSupport.asCommissioner;
import static uk.nhs.pcn.registry.RegistryTestSupport.asViewer;
import static uk.nhs.pcn.registry.RegistryTestSupport.join;
import static uk.nhs.pcn.registry.RegistryTestSupport.recordListSize;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerNetwork;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerPractice;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TopicRecorder;

/**
 * The payments-file import on small files of test practices (dated 2024, away from the national data), for the
 * rules the national file does not exercise: rounding, counts replaced later, and bad rows.
 */
@QuarkusTest
class WeightedPopulationImportTest {

    /** The national file's own header names, in its order, with the columns this import does not read left out. */
    static final String HEADER = "PCN Code,Practice Code,Practice Name,Number of Registered Patients (Last Known "
            + "Figure),Number of Weighted Patients (Last Known Figure),Global Sum\n";
    static final String URL = "/api/v1/imports/weighted-populations?effectiveDate=2024-01-01";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void fractionalFiguresAreStoredExactlyAndACountHeldIsKept() {
        String network = registerNetwork("2023-04-01");
        String noCount = registerPractice();
        String counted = registerPractice();
        String noFigure = registerPractice();
        join(noCount, network, "2023-04-01");
        recordListSize(counted, "2024-01-01", 2000);
        String csv = HEADER
                + network + "," + noCount + ",A SURGERY,1000.5,1234.565,0\n"
                + "," + counted + ",B SURGERY,1990.25,2100.1,0\n"
                + "," + noFigure + ",C SURGERY,0,0,0\n"
                + ",Z99999,NOT REGISTERED SURGERY,10,12,0\n";

        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            JsonPath report = asCommissioner().contentType("text/csv").body(csv).post(URL).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(report.getString("effectiveDate")).isEqualTo("2024-01-01");
            assertThat(report.getInt("counts.listSizesRecorded")).isEqualTo(2);
            assertThat(report.getInt("counts.registeredFromFile")).isEqualTo(1);
            assertThat(report.getList("unknownPractices")).containsExactly("Z99999");
            assertThat(report.getList("practicesWithoutFigures")).containsExactly(noFigure);
            assertThat(report.getList("changes", String.class)).anySatisfy(c -> assertThat(c).contains(noCount)
                    .contains("1234.57 (the file's 1234.565 rounded)").contains("registered list 1001"));

            RecordedEvent event = topic.await(r -> noCount.equals(r.text("practiceCode")), 1, Duration.ofSeconds(20))
                    .get(0);
            assertThat(event.key()).isEqualTo(network);
            assertThat(event.contractProblems()).isEmpty();
            assertThat(event.body().path("weightedPopulation").decimalValue()).isEqualByComparingTo("1234.57");
            assertThat(event.text("registeredPatientsSource")).isEqualTo("nhs-payments-last-known");
        }
        // Half a patient rounds up; the weighted figure keeps its hundredths; the count held is not replaced.
        asViewer().get("/api/v1/practices/" + noCount + "/list-sizes").then()
                .body("[0].registeredPatients", equalTo(1001)).body("[0].weightedPopulation", equalTo(1234.57f))
                .body("[0].source", equalTo("nhs-payments-last-known"));
        asViewer().get("/api/v1/practices/" + counted + "/list-sizes").then()
                .body("[0].registeredPatients", equalTo(2000)).body("[0].weightedPopulation", equalTo(2100.10f))
                .body("[0].source", equalTo("api"))
                .body("[0].weightedPopulationSource", equalTo("nhs-payments-last-known"));
        asViewer().get("/api/v1/practices/" + noFigure + "/list-sizes").then().body("", hasSize(0));

        // The same file again: nothing recorded, nothing published.
        asCommissioner().contentType("text/csv").body(csv).post(URL).then().statusCode(200)
                .body("counts.listSizesRecorded", equalTo(0)).body("counts.listSizesUnchanged", equalTo(2))
                .body("eventsPublished", equalTo(0));

        // A later count replaces the file's average, even the same number, and keeps the weighted figure.
        asCommissioner().contentType("text/csv").body("CODE,NUMBER_OF_PATIENTS,EXTRACT_DATE\n" + noCount
                + ",1001,01JAN2024\n").post("/api/v1/imports/list-sizes").then().statusCode(200)
                .body("counts.listSizesRecorded", equalTo(1));
        asViewer().get("/api/v1/practices/" + noCount + "/list-sizes").then()
                .body("[0].registeredPatients", equalTo(1001)).body("[0].source", equalTo("nhsd-patients-registered"))
                .body("[0].weightedPopulation", equalTo(1234.57f));
        // ... and the payments file no longer touches it.
        asCommissioner().contentType("text/csv").body(csv).post(URL).then().statusCode(200)
                .body("counts.listSizesRecorded", equalTo(0)).body("counts.registeredFromFile", equalTo(0));
    }

    @Test
    void aFileWithBadFiguresIsRejectedWholeNamingEachRowAndNothingIsWritten() throws SQLException {
        String good = registerPractice();
        String duplicated = registerPractice();
        String csv = HEADER
                + "," + good + ",GOOD SURGERY,5000,5100.25,0\n"             // row 2: valid, but not written
                + "," + duplicated + ",NEGATIVE,-5,6000,0\n"                 // row 3
                + "," + duplicated + ",DUPLICATE,5000,5000,0\n"              // row 4: listed twice
                + "," + duplicated + ",DUPLICATE AGAIN,5000,5000,0\n"        // row 5: and again
                + ",Z00X01,BAD CODE,5000,NaN,0\n"                            // row 6: code and figure
                + ",Z99998,EMPTY,,1e3,0\n"                                   // row 7: both figures
                + ",Z99997,TOO MANY,5000,2000000,0\n";                       // row 8
        long outboxBefore = count("SELECT count(*) FROM outbox_event");
        List<Map<String, Object>> errors = asCommissioner().contentType("text/csv").body(csv).post(URL).then()
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("nothing was imported")).extract().jsonPath().getList("errors");
        assertThat(errors).extracting(e -> e.get("row") + " " + e.get("column") + " " + e.get("rule"))
                .containsExactlyInAnyOrder(
                        "3 Number of Registered Patients (Last Known Figure) range",
                        "5 Practice Code duplicate",
                        "6 Practice Code pattern",
                        "6 Number of Weighted Patients (Last Known Figure) number",
                        "7 Number of Weighted Patients (Last Known Figure) number",
                        "7 Number of Registered Patients (Last Known Figure) number",
                        "8 Number of Weighted Patients (Last Known Figure) range");
        assertThat(errors).anySatisfy(e -> assertThat((String) e.get("message")).contains("'NaN'"));
        assertThat(errors).anySatisfy(e -> assertThat((String) e.get("message")).contains("cannot be negative"));
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(outboxBefore);
        asViewer().get("/api/v1/practices/" + good + "/list-sizes").then().body("", hasSize(0));
    }

    @Test
    void theWrongFileOrABadRequestGetsAClear4xx() {
        String listSizeFile = "CODE,NUMBER_OF_PATIENTS,EXTRACT_DATE\nA83005,5000,01JAN2021\n";
        asCommissioner().contentType("text/csv").body(listSizeFile).post(URL).then().statusCode(422)
                .body("errors", hasSize(3))
                .body("errors[0].message", containsString("import it at /api/v1/imports/list-sizes"));
        asCommissioner().contentType("text/csv").body(HEADER + ",A83005,X,5000,5100,0\n")
                .post("/api/v1/imports/list-sizes").then().statusCode(422)
                .body("errors[0].message", containsString("/api/v1/imports/weighted-populations"));
        asCommissioner().contentType("text/csv").body(HEADER).post("/api/v1/imports/weighted-populations"
                + "?effectiveDate=January").then().statusCode(400).body("errors[0].field", equalTo("effectiveDate"));
        asCommissioner().contentType("multipart/form-data").multiPart("other", "x.csv", HEADER.getBytes(), "text/csv")
                .post(URL).then().statusCode(400).body("errors[0].field", equalTo("file"));
        asViewer().contentType("text/csv").body(HEADER).post(URL).then().statusCode(403);
        // An empty file is no change, with the default date.
        asCommissioner().contentType("text/csv").body(HEADER).post("/api/v1/imports/weighted-populations")
                .then().statusCode(200).body("effectiveDate", equalTo("2021-01-01"))
                .body("counts.rowsRead", equalTo(0));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
