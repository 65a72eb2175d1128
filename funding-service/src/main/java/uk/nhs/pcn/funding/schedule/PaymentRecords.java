package uk.nhs.pcn.funding.schedule;

import static uk.nhs.pcn.platform.sql.SqlValues.date;
import static uk.nhs.pcn.platform.sql.SqlValues.decimal;
import static uk.nhs.pcn.platform.sql.SqlValues.timestamp;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nhs.pcn.funding.entitlement.EntitlementLine;
import uk.nhs.pcn.funding.rules.Basis;
import uk.nhs.pcn.platform.time.FinancialYear;

/** Storage of confirmed months, adjustment lines and each network's last calculated year totals. */
@ApplicationScoped
public class PaymentRecords {

    /** A confirmed month, as it stood when confirmed. */
    public record ConfirmedMonth(YearMonth month, String financialYear, BigDecimal total, boolean incomplete,
            List<EntitlementLine> lines, OffsetDateTime confirmedAt, String confirmedBy) {
    }

    /** A network's year as last calculated. */
    public record YearTotal(BigDecimal total, boolean incomplete, int unavailableLines, String rulesFingerprint,
            BigDecimal arrsSum, boolean arrsExceeded) {
    }

    private static final String ADJUSTMENT_COLUMNS = """
            id, network_code, paid_in_month, corrects_month, line_key, component, component_name, basis,
            practice_code, paid_before, corrected, amount, reason, rule_set_year, revision, causes""";

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    /** Every confirmed month of the network, by month. */
    public Map<YearMonth, ConfirmedMonth> confirmedMonths(String networkCode) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT month, financial_year, total_amount, incomplete, lines, confirmed_at, confirmed_by
                FROM confirmed_month WHERE network_code = ?1 ORDER BY month""")
                .setParameter(1, networkCode).getResultList();
        Map<YearMonth, ConfirmedMonth> months = new TreeMap<>();
        for (Object[] r : rows) {
            YearMonth month = YearMonth.from(date(r[0]));
            months.put(month, new ConfirmedMonth(month, (String) r[1], decimal(r[2]), (Boolean) r[3],
                    readLines((String) r[4]), timestamp(r[5]), (String) r[6]));
        }
        return months;
    }

    void confirm(String networkCode, ConfirmedMonth month) {
        entityManager.createNativeQuery("""
                INSERT INTO confirmed_month (network_code, month, financial_year, total_amount, incomplete, lines,
                                             confirmed_at, confirmed_by)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, networkCode).setParameter(2, month.month().atDay(1))
                .setParameter(3, month.financialYear()).setParameter(4, month.total())
                .setParameter(5, month.incomplete()).setParameter(6, write(month.lines()))
                .setParameter(7, month.confirmedAt()).setParameter(8, month.confirmedBy()).executeUpdate();
    }

    /** Adjustments that correct months of the year (wherever they are paid). */
    public List<Adjustment> correcting(String networkCode, FinancialYear year) {
        return adjustments("corrects_month BETWEEN ?2 AND ?3", networkCode, year);
    }

    /** Adjustments paid in months of the year (whichever year they correct). */
    public List<Adjustment> paidIn(String networkCode, FinancialYear year) {
        return adjustments("paid_in_month BETWEEN ?2 AND ?3", networkCode, year);
    }

    private List<Adjustment> adjustments(String where, String networkCode, FinancialYear year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT " + ADJUSTMENT_COLUMNS
                + " FROM payment_adjustment WHERE network_code = ?1 AND " + where + " ORDER BY raised_at, corrects_month, line_key")
                .setParameter(1, networkCode).setParameter(2, year.start()).setParameter(3, year.end())
                .getResultList();
        return rows.stream().map(r -> new Adjustment((UUID) r[0], (String) r[1], YearMonth.from(date(r[2])),
                YearMonth.from(date(r[3])), (String) r[4], (String) r[5], (String) r[6], Basis.of((String) r[7]),
                (String) r[8], decimal(r[9]), decimal(r[10]), decimal(r[11]), (String) r[12], (String) r[13],
                (String) r[14], readCauses((String) r[15]))).toList();
    }

    /**
     * Removes the unavailable adjustments for months of the year that sit in months not yet confirmed: they are
     * planned afresh at every recalculation.
     */
    void withdrawOpenUnavailable(String networkCode, FinancialYear year, Collection<YearMonth> confirmed) {
        entityManager.createNativeQuery("""
                DELETE FROM payment_adjustment
                WHERE network_code = ?1 AND amount IS NULL AND corrects_month BETWEEN ?2 AND ?3
                  AND NOT (paid_in_month = ANY (CAST(?4 AS date[])))""")
                .setParameter(1, networkCode).setParameter(2, year.start()).setParameter(3, year.end())
                .setParameter(4, "{" + String.join(",", confirmed.stream().map(m -> m.atDay(1).toString()).toList())
                        + "}")
                .executeUpdate();
    }

    void add(List<Adjustment> adjustments) {
        if (adjustments.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO payment_adjustment ("
                    + ADJUSTMENT_COLUMNS + ", raised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Adjustment a : adjustments) {
                    insert.setObject(1, a.id());
                    insert.setString(2, a.networkCode());
                    insert.setObject(3, a.paidInMonth().atDay(1));
                    insert.setObject(4, a.correctsMonth().atDay(1));
                    insert.setString(5, a.lineKey());
                    insert.setString(6, a.component());
                    insert.setString(7, a.componentName());
                    insert.setString(8, a.basis().code());
                    insert.setString(9, a.practiceCode());
                    insert.setBigDecimal(10, a.paidBefore());
                    insert.setBigDecimal(11, a.corrected());
                    insert.setBigDecimal(12, a.amount());
                    insert.setString(13, a.reason());
                    insert.setString(14, a.ruleSetYear());
                    insert.setString(15, a.revision());
                    insert.setString(16, write(a.causes()));
                    insert.setObject(17, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    public Optional<YearTotal> yearTotal(String networkCode, FinancialYear year) {
        return Optional.ofNullable(yearTotals(List.of(networkCode), year).get(networkCode));
    }

    /** The networks' years as last calculated; networks never calculated are absent. */
    public Map<String, YearTotal> yearTotals(Collection<String> networkCodes, FinancialYear year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT network_code, total_amount, incomplete, unavailable_lines, rules_fingerprint, arrs_sum,
                       arrs_exceeded
                FROM entitlement_total WHERE network_code IN (?1) AND financial_year = ?2""")
                .setParameter(1, networkCodes).setParameter(2, year.toString()).getResultList();
        Map<String, YearTotal> totals = new HashMap<>();
        rows.forEach(r -> totals.put((String) r[0], new YearTotal(decimal(r[1]), (Boolean) r[2],
                ((Number) r[3]).intValue(), (String) r[4], decimal(r[5]), (Boolean) r[6])));
        return totals;
    }

    void saveYearTotals(FinancialYear year, Map<String, YearTotal> totals) {
        if (totals.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO entitlement_total (network_code, financial_year, total_amount, incomplete,
                        unavailable_lines, rules_fingerprint, arrs_sum, arrs_exceeded, calculated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())
                    ON CONFLICT (network_code, financial_year) DO UPDATE SET total_amount = EXCLUDED.total_amount,
                        incomplete = EXCLUDED.incomplete, unavailable_lines = EXCLUDED.unavailable_lines,
                        rules_fingerprint = EXCLUDED.rules_fingerprint, arrs_sum = EXCLUDED.arrs_sum,
                        arrs_exceeded = EXCLUDED.arrs_exceeded, calculated_at = EXCLUDED.calculated_at""")) {
                for (Map.Entry<String, YearTotal> e : totals.entrySet()) {
                    YearTotal t = e.getValue();
                    upsert.setString(1, e.getKey());
                    upsert.setString(2, year.toString());
                    upsert.setBigDecimal(3, t.total());
                    upsert.setBoolean(4, t.incomplete());
                    upsert.setInt(5, t.unavailableLines());
                    upsert.setString(6, t.rulesFingerprint());
                    upsert.setBigDecimal(7, t.arrsSum());
                    upsert.setBoolean(8, t.arrsExceeded());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        });
    }

    /** Of the networks, those with at least one confirmed month (the others need no adjustment lines). */
    Set<String> withConfirmedMonths(Collection<String> networkCodes) {
        @SuppressWarnings("unchecked")
        List<String> codes = entityManager.createNativeQuery(
                "SELECT DISTINCT network_code FROM confirmed_month WHERE network_code IN (?1)")
                .setParameter(1, networkCodes).getResultList();
        return new HashSet<>(codes);
    }

    /**
     * Serialises the transactions that recalculate or confirm these networks (in code order, so two transactions
     * locking overlapping sets cannot deadlock). Released at commit.
     */
    void lockNetworks(Collection<String> networkCodes) {
        for (String code : new TreeSet<>(networkCodes)) {
            lockNetwork(code);
        }
    }

    /** Serialises other objects one network's transaction touches: recalculations and confirmations of a network. */
    void lockNetwork(String networkCode) {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "pcn-funding:" + networkCode).getSingleResult();
    }

    private List<EntitlementLine> readLines(String text) {
        try {
            return json.readValue(text, new TypeReference<List<EntitlementLine>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A confirmed month's lines cannot be read", e);
        }
    }

    private List<String> readCauses(String text) {
        try {
            return json.readValue(text, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
