package uk.nhs.pcn.referral.caseload;

import java.time.YearMonth;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.Authenticated;
import uk.nhs.pcn.platform.api.CsvNegotiation;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.referral.access.ReferralAccess;
import uk.nhs.pcn.referral.pathway.PathwayState;
import uk.nhs.pcn.referral.referral.ReferralReads;
import uk.nhs.pcn.referral.referral.ReferralViews;
import uk.nhs.pcn.referral.reports.MonthlyReport;
import uk.nhs.pcn.referral.reports.PathwayCohort;
import uk.nhs.pcn.referral.reports.ReferralReports;

/** A network's caseloads, referral list and monthly reports: counts and pseudonymised rows, never a person. */
@Path("/api/v1/networks/{code}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Caseloads and reports")
@Authenticated
public class NetworkReferralsResource {

    @Inject
    ReferralAccess access;

    @Inject
    CaseloadService caseloads;

    @Inject
    ReferralReads reads;

    @Inject
    ReferralReports reports;

    @GET
    @Path("/caseload")
    @Operation(operationId = "getNetworkCaseload", summary = "Each link worker's open referrals against capacity, "
            + "the network's waiting queue and its oldest wait")
    @APIResponseSchema(value = CaseloadViews.NetworkCaseload.class, responseCode = "200",
            responseDescription = "The caseloads today")
    @APIResponse(responseCode = "403", description = "The network's link workers and PCN manager, and commissioners")
    public CaseloadViews.NetworkCaseload caseload(@RestPath String code) {
        String network = network(code);
        access.requireAggregateRead(network);
        return caseloads.of(network);
    }

    @GET
    @Path("/referrals")
    @Operation(operationId = "listNetworkReferrals", summary = "The network's referrals without the person's "
            + "details, newest first (at most 500)")
    @APIResponseSchema(value = ReferralViews.ReferralSummary[].class, responseCode = "200",
            responseDescription = "The referrals")
    @APIResponse(responseCode = "403", description = "The network's link workers and PCN manager")
    public List<ReferralViews.ReferralSummary> referrals(@RestPath String code,
            @Parameter(description = "Only referrals in this pathway state") @RestQuery String state,
            @Parameter(description = "Only this link worker's (workforce appointment id)") @RestQuery String appointmentId,
            @Parameter(description = "true: only referrals waiting in the queue") @RestQuery String queued) {
        String network = network(code);
        access.requireNetworkListRead(network);
        PathwayState wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = PathwayState.valueOf(state.strip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("state", "one-of",
                        "state must be one of " + java.util.Arrays.toString(PathwayState.values()));
            }
        }
        boolean onlyQueued = queued != null && QueryParams.bool("queued", queued);
        return reads.network(network, wanted, appointmentId == null || appointmentId.isBlank() ? null
                : appointmentId.strip(), onlyQueued, 500);
    }

    @GET
    @Path("/reports/referrals")
    @Produces({ MediaType.APPLICATION_JSON, CsvNegotiation.MEDIA_TYPE })
    @Operation(operationId = "getMonthlyReferralReport", summary = "The network's month: referrals received by "
            + "source and need, accepted, declined, did not attend, discharged, median days to first contact, "
            + "connections by type, mean outcome change; as CSV with Accept: text/csv")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MonthlyReport.class)),
            @Content(mediaType = CsvNegotiation.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "403", description = "The network's link workers and PCN manager, and commissioners")
    public Response report(@RestPath String code,
            @Parameter(description = "The month, YYYY-MM", required = true) @RestQuery String month,
            @Context HttpHeaders headers) {
        String network = network(code);
        access.requireAggregateRead(network);
        YearMonth m = QueryParams.month("month", month);
        return CsvNegotiation.respond(headers, reports.report(network, m), ReferralReports::csv,
                () -> network + "-referrals-" + m + ".csv");
    }

    @GET
    @Path("/reports/pathway")
    @Operation(operationId = "getPathwayCohort", summary = "A cohort funnel: of the referrals received from 'from' to "
            + "'to' (UK days, inclusive), how many had been accepted, had a first contact, agreed a plan and been "
            + "discharged by the end of 'to', and how many left otherwise or are still open; counts only")
    @APIResponseSchema(value = PathwayCohort.class, responseCode = "200", responseDescription = "The cohort's counts")
    @APIResponse(responseCode = "403", description = "The network's link workers and PCN manager, and commissioners")
    public PathwayCohort pathway(@RestPath String code,
            @Parameter(description = "The first day received, YYYY-MM-DD", required = true) @RestQuery String from,
            @Parameter(description = "The last day received, YYYY-MM-DD (steps are counted to the end of it)",
                    required = true) @RestQuery String to) {
        String network = network(code);
        access.requireAggregateRead(network);
        java.time.LocalDate first = QueryParams.date("from", from);
        java.time.LocalDate last = QueryParams.date("to", to);
        if (last.isBefore(first)) {
            throw ProblemException.invalid("to", "not-before-from", "'to' (" + last + ") must not be before 'from' ("
                    + first + ")");
        }
        return reports.cohort(network, first, last);
    }

    private static String network(String code) {
        return QueryParams.networkCode(code);
    }
}
