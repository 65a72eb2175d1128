package uk.nhs.pcn.workforce.rules;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.security.Authenticated;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.time.FinancialYear;

@Path("/api/v1/arrs/roles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ARRS roles catalogue")
@Authenticated
public class RolesResource {

    @Inject
    ArrsRules rules;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RateView(LocalDate from, LocalDate to, String nationalMaximumPerWte, boolean confirmed,
            String londonMaximumPerWte, String source) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CapView(LocalDate from, LocalDate to, String limit, String unit, String largeNetworkLimit,
            Long largeNetworkThreshold, String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoleView(String code, String name, LocalDate reimbursableFrom, boolean linkWorker, String note,
            List<RateView> maximumPerWte, List<CapView> caps) {
    }

    public record Catalogue(String financialYear, String ruleSetLocation, List<RoleView> roles) {
    }

    @GET
    @Operation(operationId = "listArrsRoles", summary = "The roles reimbursable in a financial year, with each maximum in force during the year "
            + "(or 'unknown' where the figure is not confirmed) and the network caps")
    public Catalogue roles(@RestQuery String financialYear) {
        FinancialYear fy = financialYear == null || financialYear.isBlank()
                ? FinancialYear.of(QueryParams.today()) : FinancialYear.parse("financialYear", financialYear);
        ArrsRuleSet set = rules.current();
        List<RoleView> roles = set.roles().stream().filter(r -> !r.reimbursableFrom().isAfter(fy.end()))
                .map(r -> new RoleView(r.code(), r.name(), r.reimbursableFrom(), r.linkWorker(), r.note(),
                        rates(r, fy), set.capsFor(r.code()).stream()
                                .filter(c -> !c.from().isAfter(fy.end()) && (c.to() == null || !c.to().isBefore(fy.start())))
                                .map(c -> new CapView(c.from(), c.to(), c.limit().toPlainString(), c.unit().name(),
                                        c.largeNetworkLimit() == null ? null : c.largeNetworkLimit().toPlainString(),
                                        c.largeNetworkThreshold(), c.note()))
                                .toList()))
                .toList();
        return new Catalogue(fy.toString(), rules.location(), roles);
    }

    /** The rate periods that overlap the year, clipped to it; a year with no figure shows one unknown period. */
    private static List<RateView> rates(ArrsRuleSet.Role role, FinancialYear fy) {
        List<ArrsRuleSet.Rate> sorted = role.maxPerWte().stream()
                .sorted(java.util.Comparator.comparing(ArrsRuleSet.Rate::from)).toList();
        java.util.ArrayList<RateView> views = new java.util.ArrayList<>();
        LocalDate start = role.reimbursableFrom().isAfter(fy.start()) ? role.reimbursableFrom() : fy.start();
        LocalDate cursor = start;
        while (!cursor.isAfter(fy.end())) {
            LocalDate day = cursor;
            ArrsRuleSet.Rate rate = role.rateOn(day).orElse(null);
            LocalDate next = sorted.stream().map(ArrsRuleSet.Rate::from).filter(f -> f.isAfter(day)).findFirst()
                    .orElse(fy.end().plusDays(1));
            LocalDate to = next.isAfter(fy.end()) ? fy.end() : next.minusDays(1);
            boolean confirmed = rate != null && rate.nationalAmount().isPresent();
            views.add(new RateView(day, to, confirmed ? rate.nationalAmount().get().toPlainString()
                    : ArrsRuleSet.UNKNOWN, confirmed, rate == null || rate.london() == null ? null : rate.london(),
                    rate == null ? null : rate.source()));
            cursor = to.plusDays(1);
        }
        return views;
    }
}
