package uk.nhs.pcn.funding.arrs;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.Authenticated;
import uk.nhs.pcn.funding.access.MoneyAccess;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.time.FinancialYear;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ARRS budget against claims")
@Authenticated
public class ArrsBudgetResource {

    @Inject
    ArrsBudgetService budgets;

    @Inject
    MoneyAccess access;

    @GET
    @Path("/networks/{code}/arrs")
    @Operation(operationId = "getArrsBudget", summary = "The network's ARRS sum for a financial year (rate × "
            + "weighted population), its claims to date and the headroom left")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ArrsBudgetService.ArrsBudget.class)))
    @APIResponse(responseCode = "403",
            description = "Money is for commissioners, ICB finance and, for its own network, the PCN manager")
    public ArrsBudgetService.ArrsBudget budget(@RestPath String code,
            @Parameter(description = "e.g. 2024/25", required = true) @RestQuery String financialYear) {
        String network = QueryParams.networkCode(code);
        access.requireRead(network);
        return budgets.budget(network, year(financialYear));
    }

    @GET
    @Path("/arrs")
    @Operation(operationId = "listArrsBudgets", summary = "Every network's ARRS sum against its claims for a "
            + "financial year; exceeded=true lists only the networks whose claims passed their sum")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ArrsBudgetService.NetworkBudget.class)))
    @APIResponse(responseCode = "403",
            description = "Money is for commissioners, ICB finance and, for its own network, the PCN manager")
    public List<ArrsBudgetService.NetworkBudget> budgets(
            @Parameter(description = "e.g. 2024/25", required = true) @RestQuery String financialYear,
            @Parameter(description = "a sub-ICB location code") @RestQuery String commissioner,
            @Parameter(description = "only the networks over their sum") @RestQuery String exceeded) {
        access.requireReadAll();
        return budgets.budgets(year(financialYear), QueryParams.commissioner(commissioner),
                QueryParams.bool("exceeded", exceeded));
    }

    private static FinancialYear year(String financialYear) {
        return QueryParams.financialYear("financialYear", financialYear);
    }
}
