package uk.nhs.pcn.registry.practice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.panache.common.Parameters;
import uk.nhs.pcn.platform.paging.Page;
import uk.nhs.pcn.platform.paging.PageRequest;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.registry.network.NetworkQueries;

/** Reads of practices as at a date. */
@ApplicationScoped
public class PracticeQueries {

    private static final String NOT_A_MEMBER = """
            not exists (select 1 from Membership m where m.practiceCode = p.code and m.startDate <= :asAt
                        and (m.endDate is null or m.endDate >= :asAt))""";

    /**
     * Practices with their network on :asAt and their latest list size on or before it, in one query. The
     * membership join yields at most one row per practice: spells of one practice never overlap.
     */
    private static final String AS_AT_SQL = """
            SELECT p.code, p.name, p.postcode, p.commissioner_code, m.network_code,
                   ls.as_at, ls.registered_patients, ls.weighted_population, ls.adjusted_population, ls.source,
                   ls.weighted_source
            FROM practice p
            LEFT JOIN membership m ON m.practice_code = p.code AND m.start_date <= :asAt
                                  AND (m.end_date IS NULL OR m.end_date >= :asAt)
            LEFT JOIN LATERAL (SELECT * FROM list_size l WHERE l.practice_code = p.code AND l.as_at <= :asAt
                               ORDER BY l.as_at DESC LIMIT 1) ls ON true
            WHERE (CAST(:code AS VARCHAR) IS NULL OR p.code = :code)
              AND (CAST(:commissioner AS VARCHAR) IS NULL OR p.commissioner_code = :commissioner)
            ORDER BY p.code""";

    @Inject
    EntityManager entityManager;

    public PracticeViews.PracticeView asAt(String code, LocalDate asAt) {
        List<PracticeViews.PracticeView> found = views(code, null, asAt, 0, 1);
        if (found.isEmpty()) {
            throw ProblemException.notFound("Practice", code);
        }
        return found.get(0);
    }

    public Page<PracticeViews.PracticeView> list(String commissioner, LocalDate asAt, PageRequest page) {
        long total = commissioner == null ? Practice.count() : Practice.count("commissionerCode", commissioner);
        return Page.of(views(null, commissioner, asAt, page.offset(), page.size()), page, total);
    }

    public List<PracticeViews.ListSizeView> listSizes(String code) {
        PracticeService.require(code);
        return ListSize.<ListSize>list("practiceCode = ?1 order by asAt desc", code).stream()
                .map(PracticeViews.ListSizeView::of).toList();
    }

    private List<PracticeViews.PracticeView> views(String code, String commissioner, LocalDate asAt, int offset,
            int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(AS_AT_SQL)
                .setParameter("code", code).setParameter("commissioner", commissioner).setParameter("asAt", asAt)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new PracticeViews.PracticeView((String) r[0], (String) r[1], (String) r[2],
                (String) r[3], asAt, (String) r[4], r[5] == null ? null
                        : new PracticeViews.ListSizeView(NetworkQueries.toDate(r[5]), ((Number) r[6]).intValue(),
                                (BigDecimal) r[7], (BigDecimal) r[8], (String) r[9],
                                (String) r[10])))
                .toList();
    }

    public Page<PracticeViews.Unaffiliated> unaffiliated(LocalDate asAt, String commissioner, PageRequest page) {
        String where = "from Practice p where " + NOT_A_MEMBER
                + (commissioner == null ? "" : " and p.commissionerCode = :commissioner") + " order by p.code";
        Parameters params = Parameters.with("asAt", asAt);
        if (commissioner != null) {
            params = params.and("commissioner", commissioner);
        }
        var query = Practice.<Practice>find(where, params);
        List<PracticeViews.Unaffiliated> items = query.page(page.page(), page.size()).list().stream()
                .map(p -> new PracticeViews.Unaffiliated(p.code, p.name, p.commissionerCode)).toList();
        return Page.of(items, page, query.count());
    }
}
