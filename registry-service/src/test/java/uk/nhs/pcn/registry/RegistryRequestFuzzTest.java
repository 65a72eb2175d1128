package uk.nhs.pcn.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.registry.RegistryTestSupport.asCommissioner;
import static uk.nhs.pcn.registry.RegistryTestSupport.join;
import static uk.nhs.pcn.registry.RegistryTestSupport.newNetworkCode;
import static uk.nhs.pcn.registry.RegistryTestSupport.newPracticeCode;
import static uk.nhs.pcn.registry.RegistryTestSupport.recordListSize;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerNetwork;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerPractice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.testsupport.fuzz.RequestFuzzer;

/**
 * At least 10,000 generated bad requests across every write operation of the registry's OpenAPI document (see
 * {@link RequestFuzzer}): none may get a 5xx, every 4xx is problem+json naming the field, wrong tokens get 401/403
 * whatever the body, and the database is unchanged after those that must be refused. Runs after the other API
 * tests (its odd-but-valid requests change only the network and practices seeded here).
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 2)
// In the default suite; tagged so that -Dgroups=fuzz runs the four fuzz tests alone (docs/reliability.md).
@Tag("fuzz")
class RegistryRequestFuzzTest {

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URI root;

    @Test
    void noBadRequestGetsA5xxOrChangesAnything() throws IOException {
        String network = registerNetwork("2020-04-01");
        String other = registerNetwork("2020-04-01");
        String member = registerPractice();
        String unaffiliated = registerPractice();
        join(member, network, "2020-04-01");
        recordListSize(member, "2024-01-01", 5000);
        long partner = asCommissioner().body(Map.of("type", "PHARMACY", "name", "Fuzz Pharmacy", "odsCode", "FA001"))
                .post("/api/v1/networks/" + network + "/partners").then().statusCode(201)
                .extract().jsonPath().getLong("id");

        byte[] listSizes = ("CODE,NUMBER_OF_PATIENTS,EXTRACT_DATE\n" + member + ",5010,01JAN2024\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] payments = ("PCN Code,Practice Code,Practice Name,Number of Registered Patients (Last Known Figure),"
                + "Number of Weighted Patients (Last Known Figure),Global Sum\n" + network + "," + member
                + ",FUZZ SURGERY,5000.5,5100.25,0\n").getBytes(StandardCharsets.UTF_8);
        String details = "PCN Code,PCN Name,Current Clinical Commissioning Group Code,Clinical Commissioning Group "
                + "Name,Open Date (YYYYMMDD),Close Date,Postcode\n" + network + ",TEST PCN " + network
                + ",00C,NHS DARLINGTON CCG,20200401,,DL1 1AA\n";
        String partners = "Partner Organisation Code,Partner Name,Practice Parent CCG Code,Practice Parent CCG Name,"
                + "PCN Code,PCN Name,PCN Parent CCG Code,PCN Parent CCG Name,Practice to PCN Relationship Start Date,"
                + "Practice to PCN Relationship End Date,Practice CCG and PCN CCG match?\n" + member
                + ",TEST SURGERY,00C,NHS DARLINGTON CCG," + network + ",TEST PCN " + network
                + ",00C,NHS DARLINGTON CCG,20200401,,1\n";
        byte[] workbook = workbook(details, partners);

        RequestFuzzer.Result result = RequestFuzzer.of(root)
                .database(dataSource)
                .scope(List.of(network), List.of(member))
                .otherScope(List.of(other), List.of(unaffiliated))
                .operation("registerNetwork", op -> op.body(Map.of("code", newNetworkCode(),
                        "commissionerCode", "00C", "openDate", "2020-04-01", "postcode", "DL1 1AA"))
                        .fresh("code", freshCodes("U7%04d", "network")))
                .operation("renameNetwork", op -> op.path("code", network).body(Map.of("effectiveDate", "2021-06-01")))
                .operation("closeNetwork", op -> op.path("code", network).body(Map.of("closeDate", "2030-03-31")))
                .operation("appointClinicalDirector", op -> op.path("code", network)
                        .body(Map.of("from", "2021-01-01")))
                .operation("addPartner", op -> op.path("code", network).body(Map.of("odsCode", "FA123")))
                .operation("removePartner", op -> op.path("code", network).path("id", Long.toString(partner)))
                .operation("registerPractice", op -> op.body(Map.of("code", newPracticeCode(),
                        "commissionerCode", "00C", "postcode", "DL1 1AA"))
                        .fresh("code", freshCodes("Z9%04d", "practice")))
                .operation("recordListSize", op -> op.path("code", member).body(Map.of("asAt", "2024-04-01",
                        "registeredPatients", 5020, "weightedPopulation", 5100.25, "adjustedPopulation", 5200.5)))
                .operation("joinNetwork", op -> op.path("code", unaffiliated).body(Map.of("networkCode", network,
                        "from", "2021-01-01")).omit("to"))
                .operation("leaveNetwork", op -> op.path("code", member).body(Map.of("to", "2022-01-01")))
                .operation("moveNetwork", op -> op.path("code", member).body(Map.of("networkCode", other,
                        "from", "2023-01-01")))
                .operation("importListSizes", op -> op.query("dryRun", "true").query("fileName", "fuzz.csv")
                        .sample("text/csv", listSizes).formPart("file", "fuzz.csv", "text/csv", listSizes))
                .operation("importWeightedPopulations", op -> op.query("dryRun", "true")
                        .query("effectiveDate", "2024-01-01").query("fileName", "fuzz.csv")
                        .sample("text/csv", payments).formPart("file", "fuzz.csv", "text/csv", payments))
                .operation("importEpcn", op -> op.query("dryRun", "true").query("effectiveDate", "2024-04-01")
                        .query("fileName", "fuzz.xlsx")
                        .sample("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                workbook)
                        .formPart("pcnDetails", "pcn-details.csv", "text/csv", details.getBytes(StandardCharsets.UTF_8))
                        .formPart("corePartnerDetails", "partners.csv", "text/csv",
                                partners.getBytes(StandardCharsets.UTF_8)))
                .run();

        assertThat(result.requests()).isGreaterThanOrEqualTo(10_000);
        assertThat(result.operations()).isEqualTo(14);
    }

    /**
     * Codes for registrations, one per request, from a range the other tests do not use, skipping any the database
     * holds (the national file's networks).
     */
    private Supplier<String> freshCodes(String format, String table) {
        Set<String> taken = new HashSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT code FROM " + table)) {
            while (rs.next()) {
                taken.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        AtomicInteger next = new AtomicInteger();
        return () -> {
            String code;
            do {
                code = String.format(format, next.getAndIncrement());
            } while (taken.contains(code));
            return code;
        };
    }

    /** The ePCN workbook: the two CSV reports as its two sheets. */
    private static byte[] workbook(String... sheets) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            String[] names = { "PCN Details", "PCN Core Partner Details" };
            for (int s = 0; s < sheets.length; s++) {
                Sheet sheet = workbook.createSheet(names[s]);
                String[] lines = sheets[s].split("\n");
                for (int r = 0; r < lines.length; r++) {
                    Row row = sheet.createRow(r);
                    String[] cells = lines[r].split(",", -1);
                    for (int c = 0; c < cells.length; c++) {
                        row.createCell(c).setCellValue(cells[c]);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
