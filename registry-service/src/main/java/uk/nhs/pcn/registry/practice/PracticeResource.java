package uk.nhs.pcn.registry.practice;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.Authenticated;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.paging.Page;
import uk.nhs.pcn.platform.paging.PageRequest;
import uk.nhs.pcn.platform.security.Roles;
import uk.nhs.pcn.registry.membership.MembershipQueries;
import uk.nhs.pcn.registry.membership.MembershipService;

@Path("/api/v1/practices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Practices and membership")
@SecurityRequirement(name = "jwt")
@Authenticated
public class PracticeResource {

    @Inject
    PracticeService practices;

    @Inject
    PracticeQueries queries;

    @Inject
    MembershipService membership;

    @Inject
    MembershipQueries membershipQueries;

    @GET
    @Operation(summary = "Practices, filterable by commissioner")
    public Page<PracticeViews.PracticeView> list(@RestQuery String commissioner, @RestQuery String asAt,
            @RestQuery String page, @RestQuery String size) {
        return queries.list(QueryParams.commissioner(commissioner), QueryParams.dateOrToday("asAt", asAt),
                PageRequest.parse(page, size));
    }

    @GET
    @Path("/unaffiliated")
    @Operation(summary = "Practices in no network on a date")
    public Page<PracticeViews.Unaffiliated> unaffiliated(@RestQuery String asAt, @RestQuery String commissioner,
            @RestQuery String page, @RestQuery String size) {
        return queries.unaffiliated(QueryParams.dateOrToday("asAt", asAt),
                QueryParams.commissioner(commissioner),
                PageRequest.parse(page, size));
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "A practice as at a date: its network and latest list size")
    public PracticeViews.PracticeView get(@RestPath String code, @RestQuery String asAt) {
        return queries.asAt(QueryParams.practiceCode(code), QueryParams.dateOrToday("asAt", asAt));
    }

    @POST
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(summary = "Register a practice")
    public Response register(@Valid @NotNull PracticeRequests.Register request) {
        Practice p = practices.register(request.code(), request.name(), request.postcode(),
                request.commissionerCode());
        return Response.created(URI.create("/api/v1/practices/" + p.code))
                .entity(queries.asAt(p.code, QueryParams.today())).build();
    }

    @GET
    @Path("/{code}/list-sizes")
    @Operation(summary = "The practice's list sizes, newest first")
    public List<PracticeViews.ListSizeView> listSizes(@RestPath String code) {
        return queries.listSizes(QueryParams.practiceCode(code));
    }

    @POST
    @Path("/{code}/list-sizes")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(summary = "Record the practice's populations as at a date")
    public Response recordListSize(@RestPath String code, @Valid @NotNull PracticeRequests.RecordListSize request) {
        ListSize stored = practices.recordListSize(QueryParams.practiceCode(code), request.asAt(),
                request.registeredPatients(), request.weightedPopulation(), request.adjustedPopulation(), "api");
        return Response.status(Response.Status.CREATED).entity(PracticeViews.ListSizeView.of(stored)).build();
    }

    @GET
    @Path("/{code}/memberships")
    @Operation(summary = "The practice's membership history, one row per spell")
    public PracticeViews.MembershipHistory memberships(@RestPath String code) {
        String practice = QueryParams.practiceCode(code);
        PracticeService.require(practice);
        return new PracticeViews.MembershipHistory(practice,
                membershipQueries.history(practice).stream().map(PracticeViews.SpellView::of).toList());
    }

    @POST
    @Path("/{code}/memberships")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(summary = "The practice joins a network from a date")
    public Response join(@RestPath String code, @Valid @NotNull PracticeRequests.Join request) {
        var m = membership.join(QueryParams.practiceCode(code), request.networkCode(), request.from(), request.to());
        return Response.status(Response.Status.CREATED).entity(PracticeViews.SpellView.of(m)).build();
    }

    @POST
    @Path("/{code}/memberships/leave")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(summary = "The practice leaves its network; 'to' is the last day of membership")
    public PracticeViews.SpellView leave(@RestPath String code, @Valid @NotNull PracticeRequests.Leave request) {
        return PracticeViews.SpellView.of(membership.leave(QueryParams.practiceCode(code), request.to()));
    }

    @POST
    @Path("/{code}/memberships/move")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(summary = "The practice moves to another network from a date (leaves the day before)")
    public PracticeViews.MembershipHistory move(@RestPath String code, @Valid @NotNull PracticeRequests.Move request) {
        String practice = QueryParams.practiceCode(code);
        membership.move(practice, request.networkCode(), request.from());
        return memberships(practice);
    }
}
