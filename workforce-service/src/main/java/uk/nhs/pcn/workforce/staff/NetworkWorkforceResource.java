package uk.nhs.pcn.workforce.staff;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.Authenticated;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.security.NetworkScope;
import uk.nhs.pcn.platform.security.Roles;
import uk.nhs.pcn.workforce.claims.ClaimService;
import uk.nhs.pcn.workforce.rules.ArrsRuleSet;
import uk.nhs.pcn.workforce.rules.ArrsRules;
import uk.nhs.pcn.workforce.rules.FinancialYear;

/**
 * A network's staff, workforce summary and monthly claims. Commissioners read every network; a PCN manager reads
 * and changes only the networks named in their token.
 */
@Path("/api/v1/networks/{code}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Staff and claims")
@SecurityRequirement(name = "jwt")
@Authenticated
public class NetworkWorkforceResource {

    @Inject
    NetworkScope scope;

    @Inject
    AppointmentService appointments;

    @Inject
    ClaimService claims;

    @Inject
    ArrsRules rules;

    @GET
    @Path("/staff")
    @Operation(summary = "The network's appointments in post on a date (default today), with their terms")
    public List<StaffViews.AppointmentView> staff(@RestPath String code, @RestQuery String asAt) {
        String network = readable(code);
        LocalDate date = QueryParams.dateOrToday("asAt", asAt);
        return Appointment.<Appointment>list(
                "networkCode = ?1 and startDate <= ?2 and (endDate is null or endDate >= ?2) order by roleCode, "
                        + "staffReference", network, date).stream().map(StaffViews.AppointmentView::of).toList();
    }

    @GET
    @Path("/staff/{id}")
    @Operation(summary = "One appointment with its history of hours and pay")
    public StaffViews.AppointmentView appointment(@RestPath String code, @RestPath String id) {
        return StaffViews.AppointmentView.of(AppointmentService.require(readable(code), uuid(id)));
    }

    @POST
    @Path("/staff")
    @RolesAllowed(Roles.PCN_MANAGER)
    @Operation(summary = "Appoint a member of staff to an ARRS role")
    public Response appoint(@RestPath String code, @Valid @NotNull StaffRequests.Appoint r) {
        String network = writable(code);
        Appointment a = appointments.appoint(network, new AppointmentService.NewAppointment(r.staffReference(),
                r.roleCode(), r.wte(), r.startDate(), r.endDate(), r.employingOrganisation(), r.payBand(),
                r.fullTimeAnnualSalary(), r.fullTimeAnnualOnCosts()));
        return Response.created(URI.create("/api/v1/networks/" + network + "/staff/" + a.id))
                .entity(StaffViews.AppointmentView.of(a)).build();
    }

    @POST
    @Path("/staff/{id}/hours")
    @RolesAllowed(Roles.PCN_MANAGER)
    @Operation(summary = "Change the appointment's whole-time equivalent from a date")
    public StaffViews.AppointmentView changeHours(@RestPath String code, @RestPath String id,
            @Valid @NotNull StaffRequests.ChangeHours r) {
        return StaffViews.AppointmentView.of(appointments.changeHours(writable(code), uuid(id), r.wte(), r.from()));
    }

    @POST
    @Path("/staff/{id}/pay")
    @RolesAllowed(Roles.PCN_MANAGER)
    @Operation(summary = "Change the appointment's full-time annual salary and on-costs from a date")
    public StaffViews.AppointmentView changePay(@RestPath String code, @RestPath String id,
            @Valid @NotNull StaffRequests.ChangePay r) {
        return StaffViews.AppointmentView.of(appointments.changePay(writable(code), uuid(id),
                r.fullTimeAnnualSalary(), r.fullTimeAnnualOnCosts(), r.from()));
    }

    @POST
    @Path("/staff/{id}/end")
    @RolesAllowed(Roles.PCN_MANAGER)
    @Operation(summary = "End the appointment; lastDay is the last day in post")
    public StaffViews.AppointmentView end(@RestPath String code, @RestPath String id,
            @Valid @NotNull StaffRequests.End r) {
        return StaffViews.AppointmentView.of(appointments.end(writable(code), uuid(id), r.lastDay()));
    }

    @GET
    @Path("/workforce")
    @Operation(summary = "Headcount and WTE by role on a date")
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
    @Operation(summary = "Calculate the network's ARRS claim for a month (YYYY-MM), line by line")
    public ClaimService.StoredClaim calculate(@RestPath String code, @RestPath String month) {
        return claims.calculate(writableOrCommissioner(code), month(month));
    }

    @GET
    @Path("/claims/{month}")
    @Operation(summary = "The month's calculated claim")
    public ClaimService.StoredClaim claim(@RestPath String code, @RestPath String month) {
        return claims.stored(readable(code), month(month));
    }

    @GET
    @Path("/claims")
    @Operation(summary = "Claims calculated in a financial year and the year-to-date total")
    public ClaimService.YearToDate yearToDate(@RestPath String code, @RestQuery String financialYear) {
        String network = readable(code);
        FinancialYear fy = financialYear == null || financialYear.isBlank() ? FinancialYear.of(QueryParams.today())
                : FinancialYear.parse("financialYear", financialYear);
        return claims.yearToDate(network, fy);
    }

    private String readable(String code) {
        String network = QueryParams.networkCode(code);
        scope.require(network);
        requireKnown(network);
        return network;
    }

    private static void requireKnown(String network) {
        if (uk.nhs.pcn.workforce.network.KnownNetwork.findById(network) == null) {
            throw ProblemException.notFound("Network", network
                    + " (networks become known to this service from the registry's events)");
        }
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
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Appointment", id);
        }
    }

    private static YearMonth month(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("month", "year-month", "'month' must be YYYY-MM, not '" + month + "'");
        }
    }
}
