package uk.nhs.pcn.funding.arrs;

import static uk.nhs.pcn.platform.sql.SqlValues.decimal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.nhs.pcn.funding.claims.ArrsClaims;
import uk.nhs.pcn.funding.entitlement.BudgetLine;
import uk.nhs.pcn.funding.entitlement.EntitlementCalculator;
import uk.nhs.pcn.funding.entitlement.YearEntitlement;
import uk.nhs.pcn.funding.network.NetworkFactsLoader;
import uk.nhs.pcn.funding.schedule.ScheduleService;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.registry.RegistryReadModel;
import uk.nhs.pcn.platform.time.FinancialYear;

/** The ARRS sum for the year (rate × weighted population) against the claims workforce-service calculated. */
@ApplicationScoped
public class ArrsBudgetService {

    /**
     * @param arrsSum null when it cannot be calculated ({@code unavailableReason} says why)
     * @param headroom the sum less the claims to date; negative when the claims passed the sum
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArrsBudget(String networkCode, String financialYear, BigDecimal arrsSum, String unavailableReason,
            List<BudgetLine> lines, List<ArrsClaims.MonthClaim> claims, BigDecimal claimsToDate,
            boolean claimsIncomplete, BigDecimal headroom, boolean exceeded) {
    }

    /** One network's line in the commissioner's list. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NetworkBudget(String networkCode, String networkName, String commissionerCode, BigDecimal arrsSum,
            BigDecimal claimsToDate, BigDecimal headroom, boolean exceeded) {
    }

    @Inject
    ScheduleService schedules;

    @Inject
    NetworkFactsLoader facts;

    @Inject
    ArrsClaims claims;

    @Inject
    EntityManager entityManager;

    @Inject
    RegistryReadModel registry;

    @Transactional
    public ArrsBudget budget(String networkCode, FinancialYear year) {
        registry.requireNetwork(networkCode);
        YearEntitlement entitlement = EntitlementCalculator.calculate(schedules.requireYear(year),
                facts.load(networkCode, year).orElseThrow(() -> ProblemException.notFound("Network", networkCode)));
        List<BudgetLine> lines = entitlement.budget().stream()
                .filter(b -> YearEntitlement.ARRS_SUM.equals(b.component())).toList();
        Optional<BigDecimal> sum = entitlement.arrsSum();
        ArrsClaims.ClaimsToDate claimed = claims.toDate(networkCode, year);
        String reason = sum.isPresent() ? null : lines.stream().filter(l -> !l.available())
                .map(BudgetLine::unavailableReason).findFirst().orElse("the rule set has no ARRS sum for " + year);
        BigDecimal headroom = sum.map(s -> s.subtract(claimed.total())).orElse(null);
        return new ArrsBudget(networkCode, year.toString(), sum.orElse(null), reason, lines, claimed.months(),
                claimed.total(), claimed.incomplete(), headroom, headroom != null && headroom.signum() < 0);
    }

    /** Every network's ARRS sum (as last recalculated) against its claims; optionally only those over it. */
    @Transactional
    public List<NetworkBudget> budgets(FinancialYear year, String commissioner, boolean exceededOnly) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT n.code, n.name, n.commissioner_code, t.arrs_sum, COALESCE(c.total, 0)
                FROM entitlement_total t JOIN known_network n ON n.code = t.network_code
                LEFT JOIN (SELECT network_code, sum(total_amount) AS total FROM arrs_claim
                           WHERE financial_year = ?1 GROUP BY network_code) c ON c.network_code = t.network_code
                WHERE t.financial_year = ?1 AND (CAST(?2 AS VARCHAR) IS NULL OR n.commissioner_code = ?2)
                ORDER BY n.code""")
                .setParameter(1, year.toString()).setParameter(2, commissioner).getResultList();
        return rows.stream().map(r -> {
            BigDecimal sum = decimal(r[3]);
            BigDecimal claimed = decimal(r[4]).setScale(2);
            BigDecimal headroom = sum == null ? null : sum.subtract(claimed);
            return new NetworkBudget((String) r[0], (String) r[1], (String) r[2], sum, claimed, headroom,
                    headroom != null && headroom.signum() < 0);
        }).filter(b -> !exceededOnly || b.exceeded()).toList();
    }
}
