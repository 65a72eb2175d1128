package uk.nhs.pcn.funding.carehome;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.security.Authenticated;
import uk.nhs.pcn.funding.access.MoneyAccess;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.openapi.ApiDocs;
import uk.nhs.pcn.platform.security.Roles;

/** The care-home beds aligned to a network, effective-dated; commissioners record them. */
@Path("/api/v1/networks/{code}/care-home-beds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Care-home beds")
@Authenticated
public class CareHomeBedsResource {

    /** Beds aligned to the network from a date until the next record's date. */
    public record AlignBeds(@NotNull LocalDate from, @NotNull @Min(0) @Max(10_000) Integer beds) {
    }

    @Inject
    CareHomeBedsService beds;

    @Inject
    MoneyAccess access;

    @GET
    @Operation(operationId = "listCareHomeBeds", summary = "The care-home beds aligned to the network, by date")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = CareHomeBedsService.BedsRecord.class)))
    @APIResponse(responseCode = "403",
            description = "Money is for commissioners, ICB finance and, for its own network, the PCN manager")
    public List<CareHomeBedsService.BedsRecord> list(@RestPath String code) {
        String network = QueryParams.networkCode(code);
        access.requireRead(network);
        return beds.list(network);
    }

    @POST
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(operationId = "alignCareHomeBeds", summary = "Record the number of care-home beds aligned to the "
            + "network from a date (replacing a record for the same date); the care-home premium is recalculated")
    @APIResponse(responseCode = "201", description = "Recorded",
            headers = @Header(name = ApiDocs.LOCATION, description = "The network's care-home beds",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CareHomeBedsService.BedsRecord.class)))
    @APIResponse(responseCode = "200", description = "Replaced the record for the same date",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CareHomeBedsService.BedsRecord.class)))
    public Response align(@RestPath String code, @Valid @NotNull AlignBeds request) {
        String network = QueryParams.networkCode(code);
        CareHomeBedsService.Recorded recorded = beds.record(network, request.from(), request.beds());
        if (recorded.replaced()) {
            return Response.ok(recorded.record()).build();
        }
        return Response.created(URI.create("/api/v1/networks/" + network + "/care-home-beds"))
                .entity(recorded.record()).build();
    }
}
