package uk.nhs.pcn.funding.claims;

import static uk.nhs.pcn.platform.sql.SqlValues.date;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import uk.nhs.pcn.events.workforce.MonthlyClaimCalculated;
import uk.nhs.pcn.platform.time.FinancialYear;

/** The read model of each network's monthly ARRS claims, as workforce-service calculated them. */
@ApplicationScoped
public class ArrsClaims {

    /** A month's claim; {@code incomplete} when workforce left out lines it could not calculate. */
    public record MonthClaim(YearMonth month, BigDecimal amount, boolean incomplete) {
    }

    /** Claims in a financial year so far. */
    public record ClaimsToDate(List<MonthClaim> months, BigDecimal total, boolean incomplete) {

        public YearMonth latestMonth() {
            return months.isEmpty() ? null : months.get(months.size() - 1).month();
        }
    }

    @Inject
    EntityManager entityManager;

    /** Records the month's claim, replacing an earlier calculation of the same month. */
    void record(MonthlyClaimCalculated claim, boolean incomplete, String eventId) {
        entityManager.createNativeQuery("""
                INSERT INTO arrs_claim (network_code, month, financial_year, total_amount, incomplete, event_id)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (network_code, month) DO UPDATE SET financial_year = EXCLUDED.financial_year,
                    total_amount = EXCLUDED.total_amount, incomplete = EXCLUDED.incomplete,
                    event_id = EXCLUDED.event_id""")
                .setParameter(1, claim.networkCode()).setParameter(2, YearMonth.parse(claim.month()).atDay(1))
                .setParameter(3, claim.financialYear()).setParameter(4, claim.totalAmount())
                .setParameter(5, incomplete).setParameter(6, eventId).executeUpdate();
    }

    /** Each network's claims in the year so far: total and latest month (networks without claims are absent). */
    public Map<String, ClaimsToDate> toDate(Collection<String> networkCodes, FinancialYear year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT network_code, month, total_amount, incomplete FROM arrs_claim
                WHERE network_code IN (?1) AND month BETWEEN ?2 AND ?3 ORDER BY network_code, month""")
                .setParameter(1, networkCodes).setParameter(2, year.start()).setParameter(3, year.end())
                .getResultList();
        Map<String, List<MonthClaim>> months = new HashMap<>();
        rows.forEach(r -> months.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new MonthClaim(
                YearMonth.from(date(r[1])), (BigDecimal) r[2], (Boolean) r[3])));
        Map<String, ClaimsToDate> claims = new HashMap<>();
        months.forEach((network, list) -> claims.put(network, of(list)));
        return claims;
    }

    static ClaimsToDate of(List<MonthClaim> months) {
        return new ClaimsToDate(months, months.stream().map(MonthClaim::amount)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add), months.stream().anyMatch(MonthClaim::incomplete));
    }

    public ClaimsToDate toDate(String networkCode, FinancialYear year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT month, total_amount, incomplete FROM arrs_claim
                WHERE network_code = ?1 AND month BETWEEN ?2 AND ?3 ORDER BY month""")
                .setParameter(1, networkCode).setParameter(2, year.start()).setParameter(3, year.end())
                .getResultList();
        return of(rows.stream().map(r -> new MonthClaim(YearMonth.from(date(r[0])), (BigDecimal) r[1],
                (Boolean) r[2])).toList());
    }
}
