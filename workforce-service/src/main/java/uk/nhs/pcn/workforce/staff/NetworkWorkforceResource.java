package uk.nhs.pcn.workforce.staff;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.Authenticated;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.idempotency.Idempotency;
import uk.nhs.pcn.platform.idempotency.IdempotencyKey;
import uk.nhs.pcn.platform.openapi.ApiDocs;
import uk.nhs.pcn.platform.registry.RegistryReadModel;
import uk.nhs.pcn.platform.security.NamesNetwork;
import uk.nhs.pcn.platform.security.NetworkScope;
import uk.nhs.pcn.platform.security.Roles;
import uk.nhs.pcn.workforce.claims.ClaimService;
import uk.nhs.pcn.workforce.rules.ArrsRuleSet;
import uk.nhs.pcn.workforce.rules.ArrsRules;
import uk.nhs.pcn.platform.time.FinancialYear;

/**
 * A network's staff, workforce summary and monthly claims. Commissioners read every network; a PCN manager reads
 * and changes only the networks named in their token.
 */
@Path("/api/v1/networks/{code}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Staff and claims")
@Authenticated
@APIResponse(responseCode = "403", description = "The token does not cover this network (a PCN manager's names it; "
        + "a commissioner's covers every network), or lacks the role for a change")
public class NetworkWorkforceResource {

    @Inject
    NetworkScope scope;

    @Inject
    AppointmentService appointments;

    @Inject
    ClaimService claims;

    @Inject
    ArrsRules rules;

    @Inject
    RegistryReadModel registry;

    @Inject
    Idempotency idempotency;

    @GET
    @Path("/staff")
    @Operation(operationId = "listStaff",
            summary = "The network's appointments in post on a date (default today), with their terms",
            description = "With from and to instead of asAt: the appointments in post on any day from 'from' to "
                    + "'to' (both inclusive), so those that started or ended in the period are listed too, even "
                    + "one that started and ended within it.")
    @APIResponseSchema(value = StaffViews.AppointmentView[].class, responseCode = "200",
            responseDescription = "The appointments in post, by role")
    public List<StaffViews.AppointmentView> staff(@RestPath String code, @RestQuery String asAt,
            @RestQuery String from, @RestQuery String to) {
        String network = readable(code);
        LocalDate first;
        LocalDate last;
        if (blank(from) && blank(to)) {
            first = QueryParams.dateOrToday("asAt", asAt);
            last = first;
        } else {
            if (!blank(asAt)) {
                throw uk.nhs.pcn.platform.problem.ProblemException.invalid("asAt", "not-with-period",
                        "'asAt' is a single day; give it or 'from' and 'to', not both");
            }
            first = QueryParams.date("from", from);
            last = QueryParams.date("to", to);
            if (last.isBefore(first)) {
                throw uk.nhs.pcn.platform.problem.ProblemException.invalid("to", "not-before-from",
                        "'to' (" + last + ") must not be before 'from' (" + first + ")");
            }
        }
        return Appointment.<Appointment>list(
                "networkCode = ?1 and startDate <= ?3 and (endDate is null or endDate >= ?2) order by roleCode, "
                        + "staffReference", network, first, last).stream().map(StaffViews.AppointmentView::of)
                .toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @GET
    @Path("/staff/{id}")
    @Operation(operationId = "getAppointment", summary = "One appointment with its history of hours and pay")
    @APIResponseSchema(value = StaffViews.AppointmentView.class, responseCode = "200",
            responseDescription = "The appointment")
    public StaffViews.AppointmentView appointment(@RestPath String code, @RestPath String id) {
        return StaffViews.AppointmentView.of(AppointmentService.require(readable(code), uuid(id)));
    }

    @POST
    @Path("/staff")
    @RolesAllowed(Roles.PCN_MANAGER)
    @NamesNetwork
    @Operation(operationId = "appointStaff", summary = "Appoint a member of staff to an ARRS role",
            description = "Safe to re-send with an `Idempotency-Key` header (optional; without it every request "
                    + "appoints). The first request with a key appoints and its answer is kept for 24 hours: a "
                    + "re-send by the same user with the same key and body gets that answer again, with "
                    + "`Idempotent-Replayed: true`, and appoints no one a second time.")
    @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, required = false,
            description = "A key of your choosing (a UUID is best), the same for every re-send of this one "
                    + "appointment: 1 to 255 printable ASCII characters, as a quoted string (RFC 8941) or bare. "
                    + "Scoped to your token's subject and this network's staff endpoint.",
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 257),
            example = "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"")
    @APIResponse(responseCode = "201", description = "Appointed (or, with `Idempotent-Replayed: true`, appointed "
            + "earlier by a request with the same Idempotency-Key, whose answer this is)",
            headers = {
                    @Header(name = ApiDocs.LOCATION, description = "The new appointment",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
                    @Header(name = IdempotencyKey.REPLAYED_HEADER, description = "`true` when this is the stored "
                            + "answer to an earlier request with the same Idempotency-Key (nothing was done now)",
                            schema = @Schema(type = SchemaType.STRING, enumeration = "true")) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = StaffViews.AppointmentView.class)))
    @APIResponse(responseCode = "409", description = "Over a network cap for the role, or outside the network's "
            + "dates, or a request with the same Idempotency-Key is still being processed (send it again later)")
    @APIResponse(responseCode = "422", description = "The role is not reimbursable under ARRS on the start date, or "
            + "the Idempotency-Key was used before with another body")
    public Response appoint(@RestPath String code, @Valid @NotNull StaffRequests.Appoint r) {
        String network = writable(code);
        return idempotency.once(r, () -> {
            Appointment a = appointments.appoint(network, new AppointmentService.NewAppointment(r.staffReference(),
                    r.roleCode(), r.wte(), r.startDate(), r.endDate(), r.employingOrganisation(), r.payBand(),
                    r.fullTimeAnnualSalary(), r.fullTimeAnnualOnCosts()));
            return Response.created(URI.create("/api/v1/networks/" + network + "/staff/" + a.id))
                    .entity(StaffViews.AppointmentView.of(a)).build();
        });
    }

    @POST
    @Path("/staff/{id}/hours")
    @RolesAllowed(Roles.PCN_MANAGER)
    @NamesNetwork
    @Operation(operationId = "changeHours", summary = "Change the appointment's whole-time equivalent from a date")
    @APIResponseSchema(value = StaffViews.AppointmentView.class, responseCode = "200",
            responseDescription = "Changed; the appointment with its new terms")
    @APIResponse(responseCode = "409", description = "The new hours take the network over a cap for the role")
    public StaffViews.AppointmentView changeHours(@RestPath String code, @RestPath String id,
            @Valid @NotNull StaffRequests.ChangeHours r) {
        return StaffViews.AppointmentView.of(appointments.changeHours(writable(code), uuid(id), r.wte(), r.from()));
    }

    @POST
    @Path("/staff/{id}/pay")
    @RolesAllowed(Roles.PCN_MANAGER)
    @NamesNetwork
    @Operation(operationId = "changePay",
            summary = "Change the appointment's full-time annual salary and on-costs from a date")
    @APIResponseSchema(value = StaffViews.AppointmentView.class, responseCode = "200",
            responseDescription = "Changed; the appointment with its new terms")
    public StaffViews.AppointmentView changePay(@RestPath String code, @RestPath String id,
            @Valid @NotNull StaffRequests.ChangePay r) {
        return StaffViews.AppointmentView.of(appointments.changePay(writable(code), uuid(id),
                r.fullTimeAnnualSalary(), r.fullTimeAnnualOnCosts(), r.from()));
    }

    @POST
    @Path("/staff/{id}/end")
    @RolesAllowed(Roles.PCN_MANAGER)
    @NamesNetwork
    @Operation(operationId = "endAppointment", summary = "End the appointment; lastDay is the last day in post")
    @APIResponseSchema(value = StaffViews.AppointmentView.class, responseCode = "200",
            responseDescription = "Ended; the appointment")
    @APIResponse(responseCode = "409", description = "Already ending on an earlier day")
    public StaffViews.AppointmentView end(@RestPath String code, @RestPath String id,
            @Valid @NotNull StaffRequests.End r) {
        return StaffViews.AppointmentView.of(appointments.end(writable(code), uuid(id), r.lastDay()));
    }

    @GET
    @Path("/workforce")
    @Operation(operationId = "getWorkforceSummary", summary = "Headcount and WTE by role on a date")
    @APIResponseSchema(value = StaffViews.WorkforceSummary.class, responseCode = "200",
            responseDescription = "Headcount and WTE by role")
    public StaffViews.WorkforceSummary summary(@RestPath String code, @RestQuery String asAt) {
        String network = readable(code);
        LocalDate date = QueryParams.dateOrToday("asAt", asAt);
        ArrsRuleSet set = rules.current();
        Map<String, StaffViews.RoleCount> byRole = new TreeMap<>();
        int headcount = 0;
        BigDecimal wte = BigDecimal.ZERO;
        for (Appointment a : Appointment.<Appointment>list(
                "networkCode = ?1 and startDate <= ?2 and (endDate is null or endDate >= ?2)", network, date)) {
            BigDecimal w = a.timeline().termsOn(date).map(t -> t.wte()).orElse(BigDecimal.ZERO);
            StaffViews.RoleCount before = byRole.getOrDefault(a.roleCode, new StaffViews.RoleCount(a.roleCode,
                    set.role(a.roleCode).map(ArrsRuleSet.Role::name).orElse(a.roleCode), 0, BigDecimal.ZERO));
            byRole.put(a.roleCode, new StaffViews.RoleCount(a.roleCode, before.roleName(), before.headcount() + 1,
                    before.wte().add(w)));
            headcount++;
            wte = wte.add(w);
        }
        return new StaffViews.WorkforceSummary(network, date, headcount, wte, List.copyOf(byRole.values()));
    }

    @POST
    @Path("/claims/{month}")
    @RolesAllowed({ Roles.PCN_MANAGER, Roles.COMMISSIONER })
    @NamesNetwork(orRoles = Roles.COMMISSIONER)
    @Operation(operationId = "calculateMonthlyClaim",
            summary = "Calculate the network's ARRS claim for a month (YYYY-MM), line by line",
            description = "Replaces an earlier calculation of the month.")
    @APIResponse(responseCode = "200", description = "Recalculated; the month's claim replaces the earlier one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClaimService.StoredClaim.class)))
    @APIResponse(responseCode = "201", description = "Calculated for the first time",
            headers = @Header(name = ApiDocs.LOCATION, description = "The month's claim",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClaimService.StoredClaim.class)))
    @APIResponse(responseCode = "422", description = "A figure the claim needs (a role's maximum for the month) is not "
            + "confirmed, or a role is not in the rule set")
    public Response calculate(@RestPath String code, @RestPath String month) {
        String network = writableOrCommissioner(code);
        ClaimService.Calculation calculation = claims.calculate(network, month(month));
        if (calculation.replaced()) {
            return Response.ok(calculation.claim()).build();
        }
        return Response.created(URI.create("/api/v1/networks/" + network + "/claims/" + calculation.claim().month()))
                .entity(calculation.claim()).build();
    }

    @GET
    @Path("/claims/{month}")
    @Operation(operationId = "getMonthlyClaim", summary = "The month's calculated claim")
    @APIResponseSchema(value = ClaimService.StoredClaim.class, responseCode = "200",
            responseDescription = "The claim as last calculated")
    public ClaimService.StoredClaim claim(@RestPath String code, @RestPath String month) {
        return claims.stored(readable(code), month(month));
    }

    @GET
    @Path("/claims")
    @Operation(operationId = "getYearToDateClaims", summary = "Claims calculated in a financial year and the year-to-date total")
    @APIResponseSchema(value = ClaimService.YearToDate.class, responseCode = "200",
            responseDescription = "Each calculated month and the total")
    public ClaimService.YearToDate yearToDate(@RestPath String code, @RestQuery String financialYear) {
        String network = readable(code);
        FinancialYear fy = financialYear == null || financialYear.isBlank() ? FinancialYear.of(QueryParams.today())
                : FinancialYear.parse("financialYear", financialYear);
        return claims.yearToDate(network, fy);
    }

    private String readable(String code) {
        String network = QueryParams.networkCode(code);
        scope.require(network);
        registry.requireNetwork(network);
        return network;
    }

    private String writable(String code) {
        String network = QueryParams.networkCode(code);
        scope.requireNamed(network);
        return network;
    }

    private String writableOrCommissioner(String code) {
        return scope.coversAllNetworks() ? QueryParams.networkCode(code) : writable(code);
    }

    private static UUID uuid(String id) {
        return QueryParams.uuid("id", id);
    }

    private static YearMonth month(String month) {
        return QueryParams.month("month", month);
    }
}
