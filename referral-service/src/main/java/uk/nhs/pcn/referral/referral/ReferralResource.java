package uk.nhs.pcn.referral.referral;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.Authenticated;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.api.RequestBodies;
import uk.nhs.pcn.platform.openapi.ApiDocs;
import uk.nhs.pcn.platform.security.Roles;
import uk.nhs.pcn.referral.access.ReferralAccess;
import uk.nhs.pcn.referral.messageback.MessageBack;

/**
 * Referrals in, and the person's record for those allowed to see it. Reads that show the person are written to the
 * access audit; say why with the {@value #REASON} header.
 */
@Path("/api/v1/referrals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Referrals")
@Authenticated
public class ReferralResource {

    /** Why the record is being read: kept in the access audit. */
    public static final String REASON = "X-Access-Reason";
    public static final String FHIR_JSON = "application/fhir+json";

    @Inject
    ReferralService referrals;

    @Inject
    ReferralReads reads;

    @Inject
    ReferralAccess access;

    @Inject
    RequestBodies bodies;

    @POST
    @RolesAllowed({ Roles.REFERRER, Roles.LINK_WORKER })
    @Operation(operationId = "referPerson", summary = "Refer a person to social prescribing",
            description = "The network is the practice's network on the referral date; the referral goes to that "
                    + "network's link worker with the most spare capacity, or waits in the network's queue")
    @APIResponse(responseCode = "201", description = "Received, and assigned or queued",
            headers = @Header(name = ApiDocs.LOCATION, description = "The new referral",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReferralViews.ReferralSummary.class)))
    @APIResponse(responseCode = "403", description = "A referrer's token must name the practice; a link worker's "
            + "the practice's network")
    @APIResponse(responseCode = "409", description = "The person already has an open referral in the network (the "
            + "answer points to it)")
    @APIResponse(responseCode = "422", description = "The practice belonged to no network on the referral date")
    public Response refer(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReferralRequests.NewReferral.class))) JsonNode json) {
        // Authorisation before validation: the body is read as a tree, the caller authorised on the practice it
        // names, and only then is the rest read and checked, so a token for another practice or network gets 403
        // whatever else the body says.
        JsonNode practice = json == null ? null : json.get("practiceCode");
        JsonNode date = json == null ? null : json.get("referralDate");
        if (practice != null && practice.isTextual()) {
            referrals.authoriseReferral(practice.textValue(), date != null && date.isTextual() ? date.textValue()
                    : null, access);
        }
        ReferralRequests.NewReferral body = bodies.read(json, ReferralRequests.NewReferral.class);
        Referral r = referrals.receive(body, access);
        return Response.created(URI.create("/api/v1/referrals/" + r.id))
                .entity(ReferralViews.ReferralSummary.of(r, false)).build();
    }

    @GET
    @RolesAllowed(Roles.REFERRER)
    @Operation(operationId = "listMyReferrals", summary = "The referrals the caller made, newest first, without the "
            + "person's details")
    @APIResponseSchema(value = ReferralViews.ReferralSummary[].class, responseCode = "200",
            responseDescription = "The caller's referrals")
    @APIResponse(responseCode = "403", description = "Only a referrer has referrals of their own")
    public List<ReferralViews.ReferralSummary> mine() {
        return reads.madeBy(access.user(), 500);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getReferral", summary = "The whole referral, the person included (audited read)")
    @APIResponseSchema(value = ReferralViews.ReferralView.class, responseCode = "200",
            responseDescription = "The referral")
    @APIResponse(responseCode = "403", description = "Only the network's link workers and the referrer who made it")
    @APIResponse(responseCode = "404", description = "No such referral")
    public ReferralViews.ReferralView get(@RestPath String id,
            @Parameter(description = "Why the record is read (kept in the access audit)") @HeaderParam(REASON) String reason) {
        return reads.read(uuid(id), access, reason);
    }

    @GET
    @Path("/{id}/fhir")
    @Produces(FHIR_JSON)
    @Operation(operationId = "getReferralFhirBundle", summary = "The referral as a FHIR R4 Bundle (audited read)",
            description = "ServiceRequest for the referral, Task for its status, Observations for outcome scores, "
                    + "the Patient with the NHS number (https://fhir.nhs.uk/Id/nhs-number)")
    @APIResponse(responseCode = "200", description = "A FHIR R4 Bundle",
            content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "403", description = "Only the network's link workers and the referrer who made it")
    @APIResponse(responseCode = "404", description = "No such referral")
    public Response fhir(@RestPath String id, @HeaderParam(REASON) String reason) {
        return Response.ok(reads.fhir(uuid(id), access, reason), FHIR_JSON).build();
    }

    @GET
    @Path("/{id}/message-back")
    @Operation(operationId = "getMessageBack", summary = "The message back to the GP and the referrer once the "
            + "person has left the pathway (audited read)")
    @APIResponseSchema(value = MessageBack.class, responseCode = "200", responseDescription = "The message back")
    @APIResponse(responseCode = "403", description = "Only the network's link workers and the referrer who made it")
    @APIResponse(responseCode = "404", description = "No such referral")
    @APIResponse(responseCode = "409", description = "The referral is still open")
    public MessageBack messageBack(@RestPath String id, @HeaderParam(REASON) String reason) {
        return reads.messageBack(uuid(id), access, reason);
    }

    @GET
    @Path("/{id}/audit")
    @RolesAllowed(Roles.IG_LEAD)
    @Operation(operationId = "getAccessAudit", summary = "Who read the referral's patient-identifiable record, when, "
            + "what and why")
    @APIResponseSchema(value = ReferralViews.AuditEntry[].class, responseCode = "200",
            responseDescription = "The reads, oldest first")
    @APIResponse(responseCode = "403", description = "Only the network's information governance lead")
    @APIResponse(responseCode = "404", description = "No such referral")
    public List<ReferralViews.AuditEntry> audit(@RestPath String id) {
        return reads.audit(uuid(id), access);
    }

    static UUID uuid(String id) {
        return QueryParams.uuid("id", id);
    }
}
