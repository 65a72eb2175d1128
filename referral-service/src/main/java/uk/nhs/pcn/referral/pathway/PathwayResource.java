package uk.nhs.pcn.referral.pathway;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.api.RequestBodies;
import uk.nhs.pcn.platform.openapi.ApiDocs;
import uk.nhs.pcn.platform.security.Roles;
import uk.nhs.pcn.referral.access.ReferralAccess;
import uk.nhs.pcn.referral.referral.ReferralRequests;
import uk.nhs.pcn.referral.referral.ReferralService;
import uk.nhs.pcn.referral.referral.ReferralViews;

/**
 * The pathway steps a link worker records. A step the pathway does not allow from the referral's state is 409,
 * naming the allowed next steps. The caller's network is checked before the body is read
 * ({@link PathwayAccessCheck}), and again before it is validated.
 */
@Path("/api/v1/referrals/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Pathway")
@RolesAllowed(Roles.LINK_WORKER)
@APIResponse(responseCode = "403", description = "Only a link worker of the referral's network")
@APIResponse(responseCode = "404", description = "No such referral")
@APIResponse(responseCode = "409", description = "The pathway does not allow the step from the referral's state "
        + "(the answer names the allowed next steps)")
public class PathwayResource {

    @Inject
    ReferralService referrals;

    @Inject
    ReferralAccess access;

    @Inject
    RequestBodies bodies;

    private <T> T authorisedBody(UUID id, T body) {
        referrals.requireForLinkWorker(id, access);
        return bodies.valid(body);
    }

    @POST
    @Path("/accept")
    @Operation(operationId = "acceptReferral", summary = "Accept the referral (SNOMED CT 871731000000106, the first "
            + "interaction of the episode)")
    @APIResponseSchema(value = ReferralViews.StepResult.class, responseCode = "200", responseDescription = "Accepted")
    public ReferralViews.StepResult accept(@RestPath String id, ReferralRequests.Accept body) {
        UUID referral = uuid(id);
        ReferralRequests.Accept r = body == null ? new ReferralRequests.Accept(null) : authorisedBody(referral, body);
        return ReferralViews.StepResult.of(referrals.accept(referral, r, access));
    }

    @POST
    @Path("/decline")
    @Operation(operationId = "declineReferral", summary = "Decline the referral (SNOMED CT 871711000000103)")
    @APIResponseSchema(value = ReferralViews.StepResult.class, responseCode = "200", responseDescription = "Declined")
    public ReferralViews.StepResult decline(@RestPath String id, ReferralRequests.Decline body) {
        UUID referral = uuid(id);
        return ReferralViews.StepResult.of(referrals.decline(referral, authorisedBody(referral, body), access));
    }

    @POST
    @Path("/first-contact")
    @Operation(operationId = "recordFirstContact", summary = "Record the first contact and the \"what matters to me\" "
            + "conversation")
    @APIResponseSchema(value = ReferralViews.StepResult.class, responseCode = "200", responseDescription = "Recorded")
    public ReferralViews.StepResult firstContact(@RestPath String id, ReferralRequests.FirstContact body) {
        UUID referral = uuid(id);
        return ReferralViews.StepResult.of(referrals.firstContact(referral, authorisedBody(referral, body), access));
    }

    @POST
    @Path("/plan")
    @Operation(operationId = "agreePlan", summary = "Record the personalised care and support plan agreed")
    @APIResponseSchema(value = ReferralViews.StepResult.class, responseCode = "200", responseDescription = "Recorded")
    public ReferralViews.StepResult plan(@RestPath String id, ReferralRequests.AgreePlan body) {
        UUID referral = uuid(id);
        return ReferralViews.StepResult.of(referrals.agreePlan(referral, authorisedBody(referral, body), access));
    }

    @POST
    @Path("/connections")
    @Operation(operationId = "connectToService", summary = "Record a connection to a community, voluntary or "
            + "statutory service (signposted or referred)")
    @APIResponse(responseCode = "201", description = "Recorded",
            headers = @Header(name = ApiDocs.LOCATION, description = "The referral",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReferralViews.ConnectionView.class)))
    public Response connect(@RestPath String id, ReferralRequests.Connect body) {
        UUID referral = uuid(id);
        var c = referrals.connect(referral, authorisedBody(referral, body), access);
        return Response.created(URI.create("/api/v1/referrals/" + referral + "/connections/" + c.id))
                .entity(ReferralViews.ConnectionView.of(c)).build();
    }

    @PUT
    @Path("/connections/{connectionId}/attendance")
    @Operation(operationId = "recordAttendance", summary = "Record whether the person attended a connection")
    @APIResponseSchema(value = ReferralViews.ConnectionView.class, responseCode = "200",
            responseDescription = "Recorded")
    public ReferralViews.ConnectionView attendance(@RestPath String id, @RestPath String connectionId,
            ReferralRequests.Attendance body) {
        UUID referral = uuid(id);
        UUID connection = QueryParams.uuid("connectionId", connectionId);
        boolean attended = authorisedBody(referral, body).attended();
        return ReferralViews.ConnectionView.of(referrals.recordAttendance(referral, connection, attended, access));
    }

    @POST
    @Path("/follow-ups")
    @Operation(operationId = "recordFollowUp", summary = "Record a follow-up contact")
    @APIResponseSchema(value = ReferralViews.StepResult.class, responseCode = "200", responseDescription = "Recorded")
    public ReferralViews.StepResult followUp(@RestPath String id, ReferralRequests.FollowUp body) {
        UUID referral = uuid(id);
        ReferralRequests.FollowUp r = body == null ? new ReferralRequests.FollowUp(null)
                : authorisedBody(referral, body);
        return ReferralViews.StepResult.of(referrals.followUp(referral, r, access));
    }

    @POST
    @Path("/discharge")
    @Operation(operationId = "dischargePerson", summary = "Discharge the person from the pathway, with a reason")
    @APIResponseSchema(value = ReferralViews.StepResult.class, responseCode = "200", responseDescription = "Discharged")
    public ReferralViews.StepResult discharge(@RestPath String id, ReferralRequests.Discharge body) {
        UUID referral = uuid(id);
        return ReferralViews.StepResult.of(referrals.discharge(referral, authorisedBody(referral, body), access));
    }

    @POST
    @Path("/did-not-attend")
    @Operation(operationId = "recordDidNotAttend", summary = "The person did not attend: closes the referral")
    @APIResponseSchema(value = ReferralViews.StepResult.class, responseCode = "200", responseDescription = "Closed")
    public ReferralViews.StepResult didNotAttend(@RestPath String id, ReferralRequests.Close body) {
        UUID referral = uuid(id);
        ReferralRequests.Close r = body == null ? new ReferralRequests.Close(null) : authorisedBody(referral, body);
        return ReferralViews.StepResult.of(referrals.didNotAttend(referral, r, access));
    }

    @POST
    @Path("/withdraw")
    @Operation(operationId = "withdrawReferral", summary = "The person withdrew: closes the referral")
    @APIResponseSchema(value = ReferralViews.StepResult.class, responseCode = "200", responseDescription = "Closed")
    public ReferralViews.StepResult withdraw(@RestPath String id, ReferralRequests.Close body) {
        UUID referral = uuid(id);
        ReferralRequests.Close r = body == null ? new ReferralRequests.Close(null) : authorisedBody(referral, body);
        return ReferralViews.StepResult.of(referrals.withdraw(referral, r, access));
    }

    @POST
    @Path("/outcomes")
    @Operation(operationId = "recordOutcome", summary = "Record an outcome measure (ONS4, WEMWBS or SWEMWBS) at first "
            + "contact or at discharge")
    @APIResponseSchema(value = ReferralViews.OutcomeView.class, responseCode = "200", responseDescription = "Recorded")
    public ReferralViews.OutcomeView outcome(@RestPath String id, ReferralRequests.RecordOutcome body) {
        UUID referral = uuid(id);
        return ReferralViews.OutcomeView.of(referrals.recordOutcome(referral, authorisedBody(referral, body), access));
    }

    static UUID uuid(String id) {
        return QueryParams.uuid("id", id);
    }
}
