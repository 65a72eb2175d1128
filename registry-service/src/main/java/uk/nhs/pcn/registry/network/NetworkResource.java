package uk.nhs.pcn.registry.network;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.Authenticated;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.openapi.ApiDocs;
import uk.nhs.pcn.platform.paging.Page;
import uk.nhs.pcn.platform.paging.PageRequest;
import uk.nhs.pcn.platform.security.Roles;

@Path("/api/v1/networks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Networks")
@Authenticated
public class NetworkResource {

    @Inject
    NetworkService networks;

    @Inject
    NetworkQueries queries;

    @GET
    @Operation(operationId = "listNetworks", summary = "Networks open on a date, with member counts and populations",
            description = "asAt defaults to today. outsideGuidance=true lists only networks whose registered "
                    + "population is outside the 30,000–50,000 guidance range.")
    public Page<NetworkViews.Summary> list(@RestQuery String asAt, @RestQuery String commissioner,
            @RestQuery String outsideGuidance, @RestQuery String page, @RestQuery String size) {
        return queries.list(QueryParams.dateOrToday("asAt", asAt),
                QueryParams.commissioner(commissioner),
                QueryParams.bool("outsideGuidance", outsideGuidance),
                PageRequest.parse(page, size));
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getNetwork",
            summary = "A network as it stood on a date: name, members, populations, clinical director")
    public NetworkViews.AsAt get(@RestPath String code, @RestQuery String asAt) {
        return queries.asAt(QueryParams.networkCode(code), QueryParams.dateOrToday("asAt", asAt));
    }

    @POST
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(operationId = "registerNetwork", summary = "Register a network")
    @APIResponse(responseCode = "201", description = "Registered; the network as it stands on its open date",
            headers = @Header(name = ApiDocs.LOCATION, description = "The new network",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NetworkViews.AsAt.class)))
    @APIResponse(responseCode = "409", description = "A network with this code is already registered")
    public Response register(@Valid @NotNull NetworkRequests.Register request) {
        Network n = networks.register(request.code(), request.name(), request.commissionerCode(),
                request.openDate(), request.postcode());
        return Response.created(URI.create("/api/v1/networks/" + n.code))
                .entity(queries.asAt(n.code, n.openDate)).build();
    }

    @POST
    @Path("/{code}/rename")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(operationId = "renameNetwork", summary = "Rename a network from a date")
    @APIResponseSchema(value = NetworkViews.AsAt.class, responseCode = "200",
            responseDescription = "Renamed; the network as it stands on the effective date")
    @APIResponse(responseCode = "409", description = "The date is before the network opened or after it closed")
    public NetworkViews.AsAt rename(@RestPath String code, @Valid @NotNull NetworkRequests.Rename request) {
        Network n = networks.rename(QueryParams.networkCode(code), request.name(), request.effectiveDate());
        return queries.asAt(n.code, request.effectiveDate());
    }

    @POST
    @Path("/{code}/close")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(operationId = "closeNetwork",
            summary = "Close a network on a date (its last open day); running memberships end that day")
    @APIResponseSchema(value = NetworkViews.AsAt.class, responseCode = "200",
            responseDescription = "Closed; the network as it stands on its close date")
    @APIResponse(responseCode = "409", description = "Already closed, before it opened, or a member joins after the "
            + "date")
    public NetworkViews.AsAt close(@RestPath String code, @Valid @NotNull NetworkRequests.Close request) {
        Network n = networks.close(QueryParams.networkCode(code), request.closeDate());
        return queries.asAt(n.code, request.closeDate());
    }

    @PUT
    @Path("/{code}/clinical-director")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(operationId = "appointClinicalDirector", summary = "Appoint the network's clinical director from a date")
    @APIResponseSchema(value = NetworkViews.ClinicalDirectorView.class, responseCode = "200",
            responseDescription = "Appointed")
    @APIResponse(responseCode = "409", description = "The network is not open on that date")
    public NetworkViews.ClinicalDirectorView appointClinicalDirector(@RestPath String code,
            @Valid @NotNull NetworkRequests.AppointClinicalDirector request) {
        ClinicalDirector cd = networks.appointClinicalDirector(QueryParams.networkCode(code), request.name(),
                request.from());
        return new NetworkViews.ClinicalDirectorView(cd.name, cd.fromDate);
    }

    @GET
    @Path("/{code}/partners")
    @Operation(operationId = "listPartners", summary = "The network's partner organisations")
    public List<NetworkViews.Partner> partners(@RestPath String code) {
        return queries.partners(QueryParams.networkCode(code));
    }

    @POST
    @Path("/{code}/partners")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(operationId = "addPartner",
            summary = "Add a partner organisation (community services, pharmacy, voluntary sector, ...)")
    @APIResponse(responseCode = "201", description = "Added",
            headers = @Header(name = ApiDocs.LOCATION, description = "The new partner organisation",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NetworkViews.Partner.class)))
    public Response addPartner(@RestPath String code, @Valid @NotNull NetworkRequests.AddPartner request) {
        String network = QueryParams.networkCode(code);
        PartnerOrganisation p = networks.addPartner(network, request.type(), request.name(), request.odsCode());
        return Response.created(URI.create("/api/v1/networks/" + network + "/partners/" + p.id))
                .entity(NetworkViews.Partner.of(p)).build();
    }

    @GET
    @Path("/{code}/partners/{id}")
    @Operation(operationId = "getPartner", summary = "One partner organisation of the network")
    public NetworkViews.Partner partner(@RestPath String code, @RestPath long id) {
        return queries.partner(QueryParams.networkCode(code), id);
    }

    @DELETE
    @Path("/{code}/partners/{id}")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(operationId = "removePartner", summary = "Remove a partner organisation")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response removePartner(@RestPath String code, @RestPath long id) {
        networks.removePartner(QueryParams.networkCode(code), id);
        return Response.noContent().build();
    }
}
