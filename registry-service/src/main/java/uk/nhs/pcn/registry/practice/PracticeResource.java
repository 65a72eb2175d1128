package uk.nhs.pcn.registry.practice;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletionStage;

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
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.paging.Page;
import uk.nhs.pcn.platform.paging.PageRequest;
import uk.nhs.pcn.platform.security.Roles;
import uk.nhs.pcn.registry.membership.MembershipQueries;
import uk.nhs.pcn.registry.membership.MembershipService;

@Path("/api/v1/practices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Practices and membership")
@Authenticated
public class PracticeResource {

    @Inject
    PracticeService practices;

    @Inject
    PracticeQueries queries;

    @Inject
    ListSizeRecording listSizes;

    @Inject
    MembershipService membership;

    @Inject
    MembershipQueries membershipQueries;

    @GET
    @Operation(operationId = "listPractices", summary = "Practices, filterable by commissioner")
    public Page<PracticeViews.PracticeView> list(@RestQuery String commissioner, @RestQuery String asAt,
            @RestQuery String page, @RestQuery String size) {
        return queries.list(QueryParams.commissioner(commissioner), QueryParams.dateOrToday("asAt", asAt),
                PageRequest.parse(page, size));
    }

    @GET
    @Path("/unaffiliated")
    @Operation(operationId = "listUnaffiliatedPractices", summary = "Practices in no network on a date")
    public Page<PracticeViews.Unaffiliated> unaffiliated(@RestQuery String asAt, @RestQuery String commissioner,
            @RestQuery String page, @RestQuery String size) {
        return queries.unaffiliated(QueryParams.dateOrToday("asAt", asAt),
                QueryParams.commissioner(commissioner),
                PageRequest.parse(page, size));
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getPractice", summary = "A practice as at a date: its network and latest list size")
    public PracticeViews.PracticeView get(@RestPath String code, @RestQuery String asAt) {
        return queries.asAt(QueryParams.practiceCode(code), QueryParams.dateOrToday("asAt", asAt));
    }

    @POST
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(operationId = "registerPractice", summary = "Register a practice")
    @APIResponse(responseCode = "201", description = "Registered; the practice as it stands today",
            headers = @Header(name = ApiDocs.LOCATION, description = "The new practice",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PracticeViews.PracticeView.class)))
    @APIResponse(responseCode = "409", description = "A practice with this code is already registered")
    public Response register(@Valid @NotNull PracticeRequests.Register request) {
        Practice p = practices.register(request.code(), request.name(), request.postcode(),
                request.commissionerCode());
        return Response.created(URI.create("/api/v1/practices/" + p.code))
                .entity(queries.asAt(p.code, QueryParams.today())).build();
    }

    @GET
    @Path("/{code}/list-sizes")
    @Operation(operationId = "listListSizes", summary = "The practice's list sizes, newest first")
    public List<PracticeViews.ListSizeView> listSizes(@RestPath String code) {
        return queries.listSizes(QueryParams.practiceCode(code));
    }

    @POST
    @Path("/{code}/list-sizes")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(operationId = "recordListSize", summary = "Record the practice's populations as at a date",
            description = "Replaces a figure already held for that date; recording the same figures again changes "
                    + "and publishes nothing.")
    @APIResponse(responseCode = "201", description = "Recorded; the list size now held for the date",
            headers = @Header(name = ApiDocs.LOCATION, description = "The list size for the date",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PracticeViews.ListSizeView.class)))
    public CompletionStage<Response> recordListSize(@RestPath String code,
            @Valid @NotNull PracticeRequests.RecordListSize request) {
        String practice = QueryParams.practiceCode(code);
        // Not blocking: the write shares a transaction with others (ListSizeRecording) and the request is answered
        // on its event loop once that has committed.
        return listSizes.record(practice, request.asAt(), request.registeredPatients(), request.weightedPopulation(),
                request.adjustedPopulation(), "api")
                .thenApply(stored -> Response.created(
                        URI.create("/api/v1/practices/" + practice + "/list-sizes/" + stored.asAt))
                        .entity(PracticeViews.ListSizeView.of(stored)).build());
    }

    @GET
    @Path("/{code}/list-sizes/{asAt}")
    @Operation(operationId = "getListSize", summary = "The practice's list size recorded as at a date (YYYY-MM-DD)")
    public PracticeViews.ListSizeView listSize(@RestPath String code, @RestPath String asAt) {
        String practice = QueryParams.practiceCode(code);
        LocalDate date = QueryParams.date("asAt", asAt);
        return queries.listSizes(practice).stream().filter(s -> s.asAt().equals(date)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("List size", practice + " as at " + date));
    }

    @GET
    @Path("/{code}/memberships")
    @Operation(operationId = "getMembershipHistory", summary = "The practice's membership history, one row per spell")
    public PracticeViews.MembershipHistory memberships(@RestPath String code) {
        String practice = QueryParams.practiceCode(code);
        PracticeService.require(practice);
        return new PracticeViews.MembershipHistory(practice,
                membershipQueries.history(practice).stream().map(PracticeViews.SpellView::of).toList());
    }

    @POST
    @Path("/{code}/memberships")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(operationId = "joinNetwork", summary = "The practice joins a network from a date")
    @APIResponse(responseCode = "201", description = "Joined; the new membership spell",
            headers = @Header(name = ApiDocs.LOCATION, description = "The membership spell",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PracticeViews.SpellView.class)))
    @APIResponse(responseCode = "409", description = "The spell overlaps another of the practice's, or falls outside "
            + "the network's open dates")
    public Response join(@RestPath String code, @Valid @NotNull PracticeRequests.Join request) {
        String practice = QueryParams.practiceCode(code);
        var m = membership.join(practice, request.networkCode(), request.from(), request.to());
        return Response.created(URI.create("/api/v1/practices/" + practice + "/memberships/" + m.startDate))
                .entity(PracticeViews.SpellView.of(m)).build();
    }

    @GET
    @Path("/{code}/memberships/{from}")
    @Operation(operationId = "getMembership", summary = "The practice's membership spell that starts on a date "
            + "(YYYY-MM-DD)")
    public PracticeViews.SpellView membership(@RestPath String code, @RestPath String from) {
        String practice = QueryParams.practiceCode(code);
        LocalDate start = QueryParams.date("from", from);
        PracticeService.require(practice);
        return membershipQueries.history(practice).stream().filter(m -> m.startDate.equals(start)).findFirst()
                .map(PracticeViews.SpellView::of)
                .orElseThrow(() -> ProblemException.notFound("Membership", practice + " from " + start));
    }

    @POST
    @Path("/{code}/memberships/leave")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(operationId = "leaveNetwork", summary = "The practice leaves its network; 'to' is the last day of membership")
    @APIResponseSchema(value = PracticeViews.SpellView.class, responseCode = "200",
            responseDescription = "Left; the ended membership spell")
    @APIResponse(responseCode = "409", description = "The practice has no current membership, or 'to' is before it "
            + "joined")
    public PracticeViews.SpellView leave(@RestPath String code, @Valid @NotNull PracticeRequests.Leave request) {
        return PracticeViews.SpellView.of(membership.leave(QueryParams.practiceCode(code), request.to()));
    }

    @POST
    @Path("/{code}/memberships/move")
    @RolesAllowed(Roles.COMMISSIONER)
    @Operation(operationId = "moveNetwork",
            summary = "The practice moves to another network from a date (leaves the day before)")
    @APIResponseSchema(value = PracticeViews.MembershipHistory.class, responseCode = "200",
            responseDescription = "Moved; the practice's membership history")
    @APIResponse(responseCode = "409", description = "Already a member of that network, no current membership, or "
            + "outside the networks' open dates")
    public PracticeViews.MembershipHistory move(@RestPath String code, @Valid @NotNull PracticeRequests.Move request) {
        String practice = QueryParams.practiceCode(code);
        membership.move(practice, request.networkCode(), request.from());
        return memberships(practice);
    }
}
