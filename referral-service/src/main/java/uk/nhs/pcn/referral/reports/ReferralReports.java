package uk.nhs.pcn.referral.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import uk.nhs.pcn.referral.caseload.Caseloads;

/** Builds the monthly report from the referral tables with aggregate SQL: counts and means, never rows of people. */
@ApplicationScoped
public class ReferralReports {

    /** The scores compared for each measure: ONS4 item by item (never summed), WEMWBS total, SWEMWBS metric. */
    private static final List<String[]> SCORES = List.of(
            new String[] { "ONS4", "lifeSatisfaction", "split_part(%s.items, ',', 1)::numeric" },
            new String[] { "ONS4", "worthwhile", "split_part(%s.items, ',', 2)::numeric" },
            new String[] { "ONS4", "happy", "split_part(%s.items, ',', 3)::numeric" },
            new String[] { "ONS4", "anxious", "split_part(%s.items, ',', 4)::numeric" },
            new String[] { "WEMWBS", "total", "%s.total::numeric" },
            new String[] { "SWEMWBS", "metricScore", "%s.metric_score" });

    @Inject
    EntityManager entityManager;

    public MonthlyReport report(String networkCode, YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(Caseloads.UK).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(Caseloads.UK).toInstant();
        Map<String, Integer> bySource = counts("""
                SELECT source, count(*) FROM referral WHERE network_code = ?1 AND received_at >= ?2 AND received_at < ?3
                GROUP BY source ORDER BY source""", networkCode, from, to);
        Map<String, Integer> byNeed = counts("""
                SELECT n.need, count(*) FROM referral r JOIN referral_need n ON n.referral_id = r.id
                WHERE r.network_code = ?1 AND r.received_at >= ?2 AND r.received_at < ?3
                GROUP BY n.need ORDER BY n.need""", networkCode, from, to);
        int received = bySource.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Integer> steps = counts("""
                SELECT s.step, count(*) FROM referral_step s JOIN referral r ON r.id = s.referral_id
                WHERE r.network_code = ?1 AND s.at >= ?2 AND s.at < ?3
                  AND s.step IN ('accepted', 'declined', 'did-not-attend', 'withdrawn', 'discharged')
                GROUP BY s.step""", networkCode, from, to);
        Object median = entityManager.createNativeQuery("""
                SELECT percentile_cont(0.5) WITHIN GROUP (
                         ORDER BY (r.first_contact_at AT TIME ZONE 'Europe/London')::date
                                - (r.received_at AT TIME ZONE 'Europe/London')::date)
                FROM referral r WHERE r.network_code = ?1 AND r.first_contact_at >= ?2 AND r.first_contact_at < ?3""")
                .setParameter(1, networkCode).setParameter(2, from).setParameter(3, to).getSingleResult();
        List<MonthlyReport.ConnectionCount> connections = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> connectionRows = entityManager.createNativeQuery("""
                SELECT c.service_type, c.mode, count(*), count(*) FILTER (WHERE c.attended)
                FROM connection c JOIN referral r ON r.id = c.referral_id
                WHERE r.network_code = ?1 AND c.connected_on >= ?2 AND c.connected_on < ?3
                GROUP BY c.service_type, c.mode ORDER BY c.service_type, c.mode""")
                .setParameter(1, networkCode).setParameter(2, month.atDay(1))
                .setParameter(3, month.plusMonths(1).atDay(1)).getResultList();
        for (Object[] row : connectionRows) {
            connections.add(new MonthlyReport.ConnectionCount((String) row[0], (String) row[1],
                    ((Number) row[2]).intValue(), ((Number) row[3]).intValue()));
        }
        List<MonthlyReport.MeanOutcomeChange> changes = new ArrayList<>();
        for (String[] score : SCORES) {
            Object[] row = (Object[]) entityManager.createNativeQuery(("""
                    SELECT count(*), avg(%1$s), avg(%2$s), avg(%2$s - %1$s)
                    FROM referral r
                    JOIN outcome f ON f.referral_id = r.id AND f.measure = ?4 AND f.timepoint = 'FIRST_CONTACT'
                    JOIN outcome d ON d.referral_id = r.id AND d.measure = ?4 AND d.timepoint = 'DISCHARGE'
                    WHERE r.network_code = ?1 AND r.state = 'DISCHARGED' AND r.closed_at >= ?2 AND r.closed_at < ?3""")
                    .formatted(score[2].formatted("f"), score[2].formatted("d")))
                    .setParameter(1, networkCode).setParameter(2, from).setParameter(3, to).setParameter(4, score[0])
                    .getSingleResult();
            int people = ((Number) row[0]).intValue();
            if (people > 0) {
                changes.add(new MonthlyReport.MeanOutcomeChange(score[0], score[1], people, round(row[1]), round(row[2]),
                        round(row[3])));
            }
        }
        return new MonthlyReport(networkCode, month, received, bySource, byNeed, steps.getOrDefault("accepted", 0),
                steps.getOrDefault("declined", 0), steps.getOrDefault("did-not-attend", 0),
                steps.getOrDefault("withdrawn", 0), steps.getOrDefault("discharged", 0),
                median == null ? null : round(median), connections, changes);
    }

    /**
     * The cohort of referrals received from {@code from} to {@code to} (UK days, inclusive) and how many of them had
     * reached each step by the end of {@code to}: one aggregate query.
     */
    public PathwayCohort cohort(String networkCode, java.time.LocalDate from, java.time.LocalDate to) {
        Instant start = from.atStartOfDay(Caseloads.UK).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(Caseloads.UK).toInstant();
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                SELECT count(*),
                       count(*) FILTER (WHERE 'accepted' = ANY (s.steps)),
                       count(*) FILTER (WHERE 'first-contact' = ANY (s.steps)),
                       count(*) FILTER (WHERE 'plan-agreed' = ANY (s.steps)),
                       count(*) FILTER (WHERE 'discharged' = ANY (s.steps)),
                       count(*) FILTER (WHERE 'declined' = ANY (s.steps)),
                       count(*) FILTER (WHERE 'did-not-attend' = ANY (s.steps)),
                       count(*) FILTER (WHERE 'withdrawn' = ANY (s.steps)),
                       count(*) FILTER (WHERE NOT (s.steps && ARRAY['discharged', 'declined', 'did-not-attend',
                                                                   'withdrawn']::varchar[]))
                FROM referral r
                CROSS JOIN LATERAL (SELECT coalesce(array_agg(st.step), ARRAY[]::varchar[]) AS steps
                                    FROM referral_step st WHERE st.referral_id = r.id AND st.at < ?3) s
                WHERE r.network_code = ?1 AND r.received_at >= ?2 AND r.received_at < ?3""")
                .setParameter(1, networkCode).setParameter(2, start).setParameter(3, end).getSingleResult();
        int[] n = new int[row.length];
        for (int i = 0; i < row.length; i++) {
            n[i] = ((Number) row[i]).intValue();
        }
        return new PathwayCohort(networkCode, from, to, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8]);
    }

    private Map<String, Integer> counts(String sql, String network, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(sql).setParameter(1, network).setParameter(2, from)
                .setParameter(3, to).getResultList();
        Map<String, Integer> counts = new TreeMap<>();
        for (Object[] row : rows) {
            counts.put((String) row[0], ((Number) row[1]).intValue());
        }
        return counts;
    }

    private static BigDecimal round(Object value) {
        return value == null ? null : new BigDecimal(value.toString()).setScale(2, RoundingMode.HALF_UP);
    }

    /** The report as CSV: one row per figure (network, month, section, item, value), so a spreadsheet can pivot it. */
    public static String csv(MonthlyReport report) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader("network", "month", "section", "item", "value").build())) {
            Map<String, Object> plain = new LinkedHashMap<>();
            plain.put("received", report.received());
            plain.put("accepted", report.accepted());
            plain.put("declined", report.declined());
            plain.put("did not attend", report.didNotAttend());
            plain.put("withdrawn", report.withdrawn());
            plain.put("discharged", report.discharged());
            plain.put("median days to first contact", report.medianDaysToFirstContact());
            for (Map.Entry<String, Object> e : plain.entrySet()) {
                csv.printRecord(report.networkCode(), report.month(), "referrals", e.getKey(), e.getValue());
            }
            for (Map.Entry<String, Integer> e : report.bySource().entrySet()) {
                csv.printRecord(report.networkCode(), report.month(), "received by source", e.getKey(), e.getValue());
            }
            for (Map.Entry<String, Integer> e : report.byNeed().entrySet()) {
                csv.printRecord(report.networkCode(), report.month(), "received by need", e.getKey(), e.getValue());
            }
            for (MonthlyReport.ConnectionCount c : report.connections()) {
                csv.printRecord(report.networkCode(), report.month(), "connections",
                        c.serviceType() + " " + c.mode(), c.count());
                csv.printRecord(report.networkCode(), report.month(), "connections attended",
                        c.serviceType() + " " + c.mode(), c.attended());
            }
            for (MonthlyReport.MeanOutcomeChange c : report.outcomeChange()) {
                csv.printRecord(report.networkCode(), report.month(),
                        "mean outcome change (" + c.people() + " people)", c.measure() + " " + c.score(),
                        c.meanChange());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }
}
