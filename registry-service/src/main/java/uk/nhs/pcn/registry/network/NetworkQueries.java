package uk.nhs.pcn.registry.network;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import uk.nhs.pcn.platform.paging.Page;
import uk.nhs.pcn.platform.paging.PageRequest;
import uk.nhs.pcn.platform.problem.ProblemException;

/** "As at" reads of networks: membership and populations on any date. */
@ApplicationScoped
public class NetworkQueries {

    /**
     * Per network open on :asAt: its members that day and the sum of each member's latest list size on or before
     * that day. Filters are appended by {@link #list}.
     */
    private static final String SUMMARY_SQL = """
            WITH members AS (
                SELECT m.network_code, m.practice_code FROM membership m
                WHERE m.start_date <= :asAt AND (m.end_date IS NULL OR m.end_date >= :asAt)
            ), sizes AS (
                SELECT DISTINCT ON (ls.practice_code) ls.practice_code, ls.registered_patients,
                       ls.weighted_population, ls.adjusted_population
                FROM list_size ls JOIN members mb ON mb.practice_code = ls.practice_code
                WHERE ls.as_at <= :asAt
                ORDER BY ls.practice_code, ls.as_at DESC
            ), summary AS (
                SELECT n.code, n.commissioner_code, n.open_date, n.close_date,
                       COALESCE((SELECT nn.name FROM network_name nn WHERE nn.network_code = n.code
                                 AND nn.effective_from <= :asAt ORDER BY nn.effective_from DESC LIMIT 1), n.name) AS name,
                       count(mb.practice_code) AS member_count,
                       COALESCE(sum(s.registered_patients), 0) AS registered,
                       sum(s.weighted_population) AS weighted,
                       sum(s.adjusted_population) AS adjusted,
                       count(mb.practice_code) - count(s.practice_code) AS without_size
                FROM network n
                LEFT JOIN members mb ON mb.network_code = n.code
                LEFT JOIN sizes s ON s.practice_code = mb.practice_code
                WHERE n.open_date <= :asAt AND (n.close_date IS NULL OR n.close_date >= :asAt)
                  AND (CAST(:commissioner AS VARCHAR) IS NULL OR n.commissioner_code = :commissioner)
                GROUP BY n.code
            )
            SELECT %s FROM summary
            WHERE (NOT :outsideOnly OR registered < :minimum OR registered > :maximum)
            """;

    @Inject
    EntityManager entityManager;

    @Inject
    PopulationGuidance guidance;

    public Page<NetworkViews.Summary> list(LocalDate asAt, String commissioner, boolean outsideGuidanceOnly,
            PageRequest page) {
        // One pass: the page's rows, each carrying the count of all matching rows.
        @SuppressWarnings("unchecked")
        List<Object[]> result = summaryQuery("code, name, commissioner_code, open_date, close_date, member_count, "
                + "registered, weighted, adjusted, without_size, count(*) OVER () AS total", asAt, commissioner,
                outsideGuidanceOnly).setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        List<NetworkViews.Summary> items = new ArrayList<>();
        for (Object[] r : result) {
            NetworkViews.Population population = new NetworkViews.Population(((Number) r[6]).longValue(),
                    (BigDecimal) r[7], (BigDecimal) r[8], ((Number) r[9]).intValue());
            items.add(new NetworkViews.Summary((String) r[0], (String) r[1], (String) r[2], toDate(r[3]),
                    toDate(r[4]), NetworkStatus.OPEN, ((Number) r[5]).intValue(), population,
                    guidance.warnings(population)));
        }
        long total = !result.isEmpty() ? ((Number) result.get(0)[10]).longValue()
                : page.offset() == 0 ? 0
                        : ((Number) summaryQuery("count(*)", asAt, commissioner, outsideGuidanceOnly)
                                .getSingleResult()).longValue(); // past the last page: count separately
        return Page.of(items, page, total);
    }

    private Query summaryQuery(String select, LocalDate asAt, String commissioner, boolean outsideOnly) {
        String sql = SUMMARY_SQL.formatted(select) + (select.startsWith("count(*)") ? "" : " ORDER BY code");
        return entityManager.createNativeQuery(sql)
                .setParameter("asAt", asAt)
                .setParameter("commissioner", commissioner)
                .setParameter("outsideOnly", outsideOnly)
                .setParameter("minimum", guidance.minimum())
                .setParameter("maximum", guidance.maximum());
    }

    public NetworkViews.AsAt asAt(String code, LocalDate asAt) {
        Network n = NetworkService.require(code);
        NetworkName name = NetworkName.<NetworkName>find(
                "networkCode = ?1 and effectiveFrom <= ?2 order by effectiveFrom desc", code, asAt).firstResult();
        ClinicalDirector cd = ClinicalDirector.<ClinicalDirector>find(
                "networkCode = ?1 and fromDate <= ?2 order by fromDate desc", code, asAt).firstResult();
        List<NetworkViews.Partner> partners = partnersOf(code);

        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT m.practice_code, p.name, m.start_date, m.end_date,
                       ls.as_at, ls.registered_patients, ls.weighted_population, ls.adjusted_population
                FROM membership m
                JOIN practice p ON p.code = m.practice_code
                LEFT JOIN LATERAL (
                    SELECT * FROM list_size l WHERE l.practice_code = m.practice_code AND l.as_at <= :asAt
                    ORDER BY l.as_at DESC LIMIT 1) ls ON true
                WHERE m.network_code = :code AND m.start_date <= :asAt
                  AND (m.end_date IS NULL OR m.end_date >= :asAt)
                ORDER BY m.practice_code""")
                .setParameter("code", code)
                .setParameter("asAt", asAt)
                .getResultList();
        List<NetworkViews.Member> members = new ArrayList<>();
        long registered = 0;
        BigDecimal weighted = null;
        BigDecimal adjusted = null;
        int withoutSize = 0;
        for (Object[] r : rows) {
            NetworkViews.ListSizeView size = null;
            if (r[4] != null) {
                size = new NetworkViews.ListSizeView(toDate(r[4]), ((Number) r[5]).intValue(), (BigDecimal) r[6],
                        (BigDecimal) r[7]);
                registered += size.registeredPatients();
                weighted = add(weighted, size.weightedPopulation());
                adjusted = add(adjusted, size.adjustedPopulation());
            } else {
                withoutSize++;
            }
            members.add(new NetworkViews.Member((String) r[0], (String) r[1], toDate(r[2]), toDate(r[3]), size));
        }
        NetworkViews.Population population = new NetworkViews.Population(registered, weighted, adjusted,
                withoutSize);
        NetworkStatus status = n.statusOn(asAt);
        return new NetworkViews.AsAt(n.code, asAt, name != null ? name.name : n.name, n.name, n.commissionerCode,
                n.openDate, n.closeDate, status,
                cd == null ? null : new NetworkViews.ClinicalDirectorView(cd.name, cd.fromDate), partners, members,
                population, status == NetworkStatus.OPEN ? guidance.warnings(population) : List.of());
    }

    public List<NetworkViews.Partner> partners(String code) {
        NetworkService.require(code);
        return partnersOf(code);
    }

    public NetworkViews.Partner partner(String code, long id) {
        NetworkService.require(code);
        return partnersOf(code).stream().filter(p -> p.id() == id).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Partner organisation", code + "/" + id));
    }

    private static List<NetworkViews.Partner> partnersOf(String code) {
        return PartnerOrganisation.<PartnerOrganisation>list("networkCode = ?1 order by name", code).stream()
                .map(NetworkViews.Partner::of).toList();
    }

    private static BigDecimal add(BigDecimal sum, BigDecimal value) {
        if (value == null) {
            return sum;
        }
        return sum == null ? value : sum.add(value);
    }

    public static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        return ((Date) value).toLocalDate();
    }
}
