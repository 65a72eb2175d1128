package uk.nhs.pcn.registry.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.security.identity.SecurityIdentity;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.api.TextCharacters;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.security.Roles;

@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports")
@RolesAllowed(Roles.COMMISSIONER)
public class ImportResource {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static final String EPCN_DESCRIPTION = "Validates the whole file first; any invalid row rejects it (422, every "
            + "problem listed) and nothing is written. dryRun=true reports the changes without making them, and "
            + "is refused exactly as the import would be. effectiveDate (default today) dates renames and the end "
            + "of memberships the file no longer lists. A file older than an ePCN import already applied is "
            + "refused (409), as is one that would leave a practice in two networks on one day (409, "
            + "overlapping-membership). A file that would end more than a small share of the registry's current "
            + "memberships (pcn.registry.epcn.max-ending-share, 5% by default), or every membership of a "
            + "commissioner, is refused (422, confirm-endings, naming the count) unless confirmEndings gives "
            + "exactly that count. The same file again changes nothing.";
    static final String OLDER_FILE = "The file is older than an ePCN import already applied (older-import-file: the "
            + "detail names that import's date and file hash, the errors each membership or network the file "
            + "lists as current that it ended or closed), or it would leave a practice in two networks on one "
            + "day (overlapping-membership, naming the practice and both spells); nothing was imported";
    static final String INVALID_FILE = "The file has invalid rows (every problem listed with its row and column) "
            + "or lacks a sheet; or it would end more current memberships than may end unconfirmed "
            + "(confirm-endings: the detail gives the count to send as confirmEndings); nothing was imported";
    static final String CONFIRM_ENDINGS = "The number of current memberships the file is expected to end. Needed "
            + "(exactly) when the file would end more than a small share of them or every membership of a "
            + "commissioner; a different number is refused (422).";

    /** Two names (the ePCN CSV pair) and a separator fit the audit trail's 300 characters. */
    static final int MAX_FILE_NAME = 140;

    @Inject
    EpcnImporter epcn;

    @Inject
    ListSizeImporter listSizes;

    @Inject
    WeightedPopulationImporter weightedPopulations;

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/epcn")
    @Consumes(XLSX)
    @Operation(operationId = "importEpcn", summary = "Import the ODS ePCN workbook (ePCN.xlsx) sent as the request body",
            description = EPCN_DESCRIPTION)
    // Its error responses are documented once, on epcnForm: the two methods are one operation.
    public ImportReport epcnWorkbook(byte[] body, @RestQuery String dryRun, @RestQuery String effectiveDate,
            @Parameter(description = CONFIRM_ENDINGS, schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "0")) @RestQuery String confirmEndings,
            @RestQuery String fileName) {
        return importWorkbook(body, fileName("fileName", fileName), dryRun, effectiveDate, confirmEndings);
    }

    @POST
    @Path("/epcn")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    // The same operation as epcnWorkbook: one path and method, two request media types.
    @Operation(operationId = "importEpcn", summary = "Import the ePCN file as a form upload: 'workbook' (xlsx), or the "
            + "two CSV reports 'pcnDetails' and 'corePartnerDetails'", description = EPCN_DESCRIPTION)
    @APIResponse(responseCode = "409", description = OLDER_FILE)
    @APIResponse(responseCode = "422", description = INVALID_FILE)
    public ImportReport epcnForm(@RestForm FileUpload workbook, @RestForm FileUpload pcnDetails,
            @RestForm FileUpload corePartnerDetails, @RestQuery String dryRun, @RestQuery String effectiveDate,
            @Parameter(description = CONFIRM_ENDINGS, schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "0")) @RestQuery String confirmEndings) {
        if (workbook != null) {
            return importWorkbook(read(workbook), fileName("workbook", workbook.fileName()), dryRun, effectiveDate,
                    confirmEndings);
        }
        if (pcnDetails == null || corePartnerDetails == null) {
            throw ProblemException.invalid(pcnDetails == null ? "pcnDetails" : "corePartnerDetails", "required",
                    "Send either 'workbook' (ePCN.xlsx) or both CSV reports 'pcnDetails' and 'corePartnerDetails'");
        }
        byte[] details = read(pcnDetails);
        byte[] partners = read(corePartnerDetails);
        Table detailsTable = TableReader.readCsv(EpcnParser.DETAILS, new ByteArrayInputStream(details));
        Table partnersTable = TableReader.readCsv(EpcnParser.PARTNERS, new ByteArrayInputStream(partners));
        return epcn.importFile(detailsTable, partnersTable, QueryParams.bool("dryRun", dryRun),
                effectiveDate(effectiveDate), confirmEndings(confirmEndings),
                fileName("pcnDetails", pcnDetails.fileName()) + "+"
                        + fileName("corePartnerDetails", corePartnerDetails.fileName()),
                sha256(details, partners), user());
    }

    @POST
    @Path("/list-sizes")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @Operation(operationId = "importListSizes",
            summary = "Import NHS Digital 'Patients Registered at a GP Practice' CSV sent as the request body",
            description = "Records NUMBER_OF_PATIENTS as each practice's registered list as at EXTRACT_DATE. "
                    + "Practices the registry does not know are listed in unknownPractices and not recorded.")
    public ImportReport listSizesCsv(byte[] body, @RestQuery String dryRun, @RestQuery String fileName) {
        return importListSizes(body, fileName("fileName", fileName), dryRun);
    }

    @POST
    @Path("/list-sizes")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "importListSizes", summary = "Import the list-size CSV as a form upload in the part 'file'")
    @APIResponse(responseCode = "422", description = "The file has invalid rows (every problem listed with its row "
            + "and column); nothing was imported")
    public ImportReport listSizesForm(@RestForm FileUpload file, @RestQuery String dryRun) {
        if (file == null) {
            throw ProblemException.invalid("file", "required", "Send the CSV file in the form part 'file'");
        }
        return importListSizes(read(file), fileName("file", file.fileName()), dryRun);
    }

    @POST
    @Path("/weighted-populations")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @Operation(operationId = "importWeightedPopulations",
            summary = "Import contractor weighted populations from NHS Payments to General Practice (CSV body)",
            description = "Records each known practice's 'Number of Weighted Patients (Last Known Figure)' as its "
                    + "weighted population as at effectiveDate (default 2021-01-01, the date of the 2020/21 file; "
                    + "give the 1 January of the file's year for another year). The figure averages the year's "
                    + "quarterly lists: an approximation, said so in the report's basis. A registered count held "
                    + "for the date is kept; where none is held the file's registered figure is recorded, rounded "
                    + "to whole patients. Any invalid row rejects the file (422, every problem listed); dryRun=true "
                    + "reports the changes without making them; the same file twice changes nothing.")
    public ImportReport weightedPopulationsCsv(byte[] body, @RestQuery String dryRun,
            @RestQuery String effectiveDate, @RestQuery String fileName) {
        return importWeightedPopulations(body, fileName("fileName", fileName), dryRun, effectiveDate);
    }

    @POST
    @Path("/weighted-populations")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "importWeightedPopulations",
            summary = "Import NHS Payments to General Practice as a form upload in the part 'file'")
    @APIResponse(responseCode = "422", description = "The file has invalid rows (every problem listed with its row "
            + "and column), or is another national file; nothing was imported")
    public ImportReport weightedPopulationsForm(@RestForm FileUpload file, @RestQuery String dryRun,
            @RestQuery String effectiveDate) {
        if (file == null) {
            throw ProblemException.invalid("file", "required", "Send the CSV file in the form part 'file'");
        }
        return importWeightedPopulations(read(file), fileName("file", file.fileName()), dryRun, effectiveDate);
    }

    private ImportReport importWorkbook(byte[] body, String fileName, String dryRun, String effectiveDate,
            String confirmEndings) {
        requireNonEmpty(body);
        boolean dry = QueryParams.bool("dryRun", dryRun);
        LocalDate effective = effectiveDate(effectiveDate);
        Integer confirmed = confirmEndings(confirmEndings);
        if (body.length < 4 || body[0] != 'P' || body[1] != 'K') {
            throw ProblemException.invalid("file", "xlsx", "The file is not an xlsx workbook (expected ePCN.xlsx)");
        }
        Map<String, Table> sheets = TableReader.readWorkbook(new ByteArrayInputStream(body));
        Table details = sheet(sheets, "pcn details", "pcndetails");
        Table partners = sheet(sheets, "pcn core partner details", "pcncorepartnerdetails");
        return epcn.importFile(details, partners, dry, effective, confirmed, fileName, sha256(body), user());
    }

    private ImportReport importListSizes(byte[] body, String fileName, String dryRun) {
        requireNonEmpty(body);
        boolean dry = QueryParams.bool("dryRun", dryRun);
        Table table = TableReader.readCsv(fileName == null ? "list sizes" : fileName, new ByteArrayInputStream(body));
        return listSizes.importFile(table, dry, fileName, sha256(body), user());
    }

    private ImportReport importWeightedPopulations(byte[] body, String fileName, String dryRun,
            String effectiveDate) {
        requireNonEmpty(body);
        boolean dry = QueryParams.bool("dryRun", dryRun);
        LocalDate asAt = effectiveDate == null || effectiveDate.isBlank() ? WeightedPopulationImporter.DEFAULT_AS_AT
                : QueryParams.dateOrToday("effectiveDate", effectiveDate);
        Table table = TableReader.readCsv(fileName == null ? "payments" : fileName, new ByteArrayInputStream(body));
        return weightedPopulations.importFile(table, asAt, dry, fileName, sha256(body), user());
    }

    private static Table sheet(Map<String, Table> sheets, String... names) {
        for (String name : names) {
            if (sheets.containsKey(name)) {
                return sheets.get(name);
            }
        }
        throw ProblemException.unprocessable("invalid-import-file", "The workbook lacks a sheet",
                java.util.List.of(new uk.nhs.pcn.platform.problem.Problem.FieldError("file", "missing-sheet",
                        "The workbook has no '" + names[0] + "' sheet; it has " + sheets.keySet())));
    }

    private static LocalDate effectiveDate(String value) {
        return QueryParams.dateOrToday("effectiveDate", value);
    }

    private static Integer confirmEndings(String value) {
        Integer count = QueryParams.integer("confirmEndings", value);
        if (count != null && count < 0) {
            throw ProblemException.invalid("confirmEndings", "min", "'confirmEndings' must be 0 or more, not "
                    + count);
        }
        return count;
    }

    /**
     * The name a file was sent under, kept in the import's audit trail: at most {@value #MAX_FILE_NAME} characters
     * that can be stored; a 400 naming the parameter or form part otherwise. Null when not given.
     */
    private static String fileName(String field, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        TextCharacters.require(field, name);
        if (name.length() > MAX_FILE_NAME) {
            throw ProblemException.invalid(field, "size", "The file name ('" + field + "') must be at most "
                    + MAX_FILE_NAME + " characters");
        }
        return name;
    }

    private static void requireNonEmpty(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.invalid("body", "required", "The request body is empty: send the file");
        }
    }

    private static byte[] read(FileUpload upload) {
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String user() {
        return identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
    }

    static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
