package uk.nhs.pcn.funding.schedule;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.Authenticated;
import uk.nhs.pcn.funding.access.MoneyAccess;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.time.FinancialYear;

/** National and commissioner views: every network's entitlement for a year, with totals by component. */
@Path("/api/v1/entitlements")
@Tag(name = "National and commissioner views")
@Authenticated
public class EntitlementsResource {

    @Inject
    ScheduleService schedules;

    @Inject
    MoneyAccess access;

    @GET
    @Produces({ MediaType.APPLICATION_JSON, ScheduleCsv.MEDIA_TYPE })
    @Operation(operationId = "getEntitlements", summary = "Every network's DES entitlement for a financial year, or a "
            + "commissioner's networks, with totals by component; as CSV (a row per network) with Accept: text/csv")
    @APIResponse(responseCode = "200", description = "The entitlements", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScheduleViews.Entitlements.class)),
            @Content(mediaType = ScheduleCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "403",
            description = "Money is for commissioners, ICB finance and, for its own network, the PCN manager")
    public Response entitlements(
            @Parameter(description = "e.g. 2021/22", required = true) @RestQuery String financialYear,
            @Parameter(description = "a sub-ICB location code, e.g. 00C") @RestQuery String commissioner,
            @Context HttpHeaders headers) {
        access.requireReadAll();
        FinancialYear year = PaymentsResource.year(financialYear);
        String commissionerCode = QueryParams.commissioner(commissioner);
        return Representations.respond(headers, schedules.entitlements(year, commissionerCode),
                ScheduleCsv::entitlements, () -> "entitlements-" + (commissionerCode == null ? "england"
                        : commissionerCode) + "-" + year.toString().replace('/', '-') + ".csv");
    }
}
