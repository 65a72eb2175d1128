package uk.nhs.pcn.registry.practice;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.panache.common.Parameters;
import uk.nhs.pcn.platform.paging.Page;
import uk.nhs.pcn.platform.paging.PageRequest;
import uk.nhs.pcn.registry.membership.MembershipQueries;

/** Reads of practices as at a date. */
@ApplicationScoped
public class PracticeQueries {

    private static final String NOT_A_MEMBER = """
            not exists (select 1 from Membership m where m.practiceCode = p.code and m.startDate <= :asAt
                        and (m.endDate is null or m.endDate >= :asAt))""";

    @Inject
    MembershipQueries memberships;

    public PracticeViews.PracticeView asAt(String code, LocalDate asAt) {
        Practice p = PracticeService.require(code);
        ListSize size = ListSize.<ListSize>find("practiceCode = ?1 and asAt <= ?2 order by asAt desc", code, asAt)
                .firstResult();
        return new PracticeViews.PracticeView(p.code, p.name, p.postcode, p.commissionerCode, asAt,
                memberships.networkOf(code, asAt).orElse(null),
                size == null ? null : PracticeViews.ListSizeView.of(size));
    }

    public Page<PracticeViews.PracticeView> list(String commissioner, LocalDate asAt, PageRequest page) {
        var query = commissioner == null ? Practice.<Practice>find("order by code")
                : Practice.<Practice>find("commissionerCode = ?1 order by code", commissioner);
        List<Practice> items = query.page(page.page(), page.size()).list();
        return Page.of(items.stream().map(p -> asAt(p.code, asAt)).toList(), page, query.count());
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
