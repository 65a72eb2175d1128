package uk.nhs.pcn.funding.schedule;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.Authenticated;
import uk.nhs.pcn.funding.access.MoneyAccess;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.time.FinancialYear;

/**
 * A network's payment schedule, its confirmation month by month, and its split among member practices.
 * Commissioners and ICB finance read every network and confirm; a PCN manager reads the networks the token names.
 */
@Path("/api/v1/networks/{code}/payments")
@Tag(name = "Payment schedules")
@Authenticated
public class PaymentsResource {

    @Inject
    ScheduleService schedules;

    @Inject
    MoneyAccess access;

    @GET
    @Produces({ MediaType.APPLICATION_JSON, ScheduleCsv.MEDIA_TYPE })
    @Operation(operationId = "getPaymentSchedule", summary = "The network's payment schedule for a financial year: "
            + "12 months of lines by component (confirmed months as confirmed), adjustment lines, month and year "
            + "totals; as CSV with Accept: text/csv")
    @APIResponse(responseCode = "200", description = "The schedule", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScheduleViews.PaymentSchedule.class)),
            @Content(mediaType = ScheduleCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "403",
            description = "Money is for commissioners, ICB finance and, for its own network, the PCN manager")
    public Response schedule(@RestPath String code,
            @Parameter(description = "e.g. 2024/25", required = true) @RestQuery String financialYear,
            @Context HttpHeaders headers) {
        String network = readable(code);
        FinancialYear year = year(financialYear);
        return Representations.respond(headers, schedules.schedule(network, year), ScheduleCsv::schedule,
                () -> network + "-payments-" + year.toString().replace('/', '-') + ".csv");
    }

    @POST
    @Path("/{month}/confirm")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "confirmPaymentMonth", summary = "Confirm the month's payment as it stands (months in "
            + "order within a year); a confirmed month never changes, later changes become adjustment lines")
    @APIResponse(responseCode = "200", description = "The confirmed month",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScheduleViews.MonthView.class)))
    @APIResponse(responseCode = "403",
            description = "Money is for commissioners, ICB finance and, for its own network, the PCN manager")
    public ScheduleViews.MonthView confirm(@RestPath String code,
            @Parameter(description = "YYYY-MM") @RestPath String month) {
        access.requireConfirm();
        String network = QueryParams.networkCode(code);
        return schedules.confirm(network, QueryParams.month("month", month), access.who());
    }

    @GET
    @Path("/practices")
    @Produces({ MediaType.APPLICATION_JSON, ScheduleCsv.MEDIA_TYPE })
    @Operation(operationId = "getPracticeSplit", summary = "Each month's network amounts divided among the member "
            + "practices in proportion to each line's basis, to the penny; as CSV with Accept: text/csv")
    @APIResponse(responseCode = "200", description = "The split", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScheduleViews.PracticeSplitView.class)),
            @Content(mediaType = ScheduleCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "403",
            description = "Money is for commissioners, ICB finance and, for its own network, the PCN manager")
    public Response split(@RestPath String code,
            @Parameter(description = "e.g. 2024/25", required = true) @RestQuery String financialYear,
            @Context HttpHeaders headers) {
        String network = readable(code);
        FinancialYear year = year(financialYear);
        return Representations.respond(headers, schedules.split(network, year), ScheduleCsv::split,
                () -> network + "-practice-split-" + year.toString().replace('/', '-') + ".csv");
    }

    private String readable(String code) {
        String network = QueryParams.networkCode(code);
        access.requireRead(network);
        return network;
    }

    static FinancialYear year(String financialYear) {
        return QueryParams.financialYear("financialYear", financialYear);
    }
}
