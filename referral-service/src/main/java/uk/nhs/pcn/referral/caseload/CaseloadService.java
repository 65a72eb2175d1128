package uk.nhs.pcn.referral.caseload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import uk.nhs.pcn.referral.linkworker.LinkWorker;
import uk.nhs.pcn.referral.pathway.PathwayState;
import uk.nhs.pcn.referral.referral.ReferralService;

/** Reads a network's caseloads and queue. */
@ApplicationScoped
public class CaseloadService {

    @Inject
    EntityManager entityManager;

    @Inject
    Caseloads caseloads;

    @Inject
    ReferralService referrals;

    Clock clock = Clock.systemUTC();

    public CaseloadViews.NetworkCaseload of(String networkCode) {
        LocalDate today = caseloads.today();
        Instant overdueBefore = clock.instant().minus(referrals.acceptanceDue());
        // Link workers in post, and any who have left but still hold open referrals (a hand-over in progress).
        List<LinkWorker> workers = entityManager.createQuery("""
                select w from LinkWorker w where w.networkCode = ?1 and w.startDate <= ?2
                  and (w.endDate is null or w.endDate >= ?2
                       or exists (select 1 from Referral r where r.appointmentId = w.appointmentId and r.open = true))
                order by w.startDate, w.appointmentId""", LinkWorker.class)
                .setParameter(1, networkCode).setParameter(2, today).getResultList();
        Map<String, Map<String, Integer>> byState = new HashMap<>();
        Map<String, Integer> overdue = new HashMap<>();
        List<Object[]> rows = entityManager.createQuery("""
                select r.appointmentId, r.state, count(r),
                       sum(case when r.state = ?2 and r.receivedAt < ?3 then 1 else 0 end)
                from Referral r where r.networkCode = ?1 and r.open = true and r.appointmentId is not null
                group by r.appointmentId, r.state""", Object[].class)
                .setParameter(1, networkCode).setParameter(2, PathwayState.RECEIVED).setParameter(3, overdueBefore)
                .getResultList();
        for (Object[] row : rows) {
            String appointment = (String) row[0];
            byState.computeIfAbsent(appointment, k -> new TreeMap<>())
                    .put(((PathwayState) row[1]).name(), ((Number) row[2]).intValue());
            overdue.merge(appointment, ((Number) row[3]).intValue(), Integer::sum);
        }
        List<CaseloadViews.LinkWorkerCaseload> views = new ArrayList<>();
        int totalOpen = 0;
        int totalOverdue = 0;
        for (LinkWorker w : workers) {
            Map<String, Integer> states = byState.getOrDefault(w.appointmentId, Map.of());
            int open = states.values().stream().mapToInt(Integer::intValue).sum();
            int capacity = caseloads.capacity().of(w.wte);
            int late = overdue.getOrDefault(w.appointmentId, 0);
            totalOpen += open;
            totalOverdue += late;
            views.add(new CaseloadViews.LinkWorkerCaseload(w.appointmentId, w.staffReference, w.wte, w.startDate,
                    w.endDate, w.takesReferralsOn(today), capacity, open, capacity - open, states, late));
        }
        Object[] queue = entityManager.createQuery("""
                select count(r), min(r.queuedSince),
                       sum(case when r.state = ?2 and r.receivedAt < ?3 then 1 else 0 end)
                from Referral r where r.networkCode = ?1 and r.open = true and r.appointmentId is null""",
                Object[].class).setParameter(1, networkCode).setParameter(2, PathwayState.RECEIVED)
                .setParameter(3, overdueBefore).getSingleResult();
        int waiting = ((Number) queue[0]).intValue();
        Instant oldest = (Instant) queue[1];
        totalOpen += waiting;
        totalOverdue += queue[2] == null ? 0 : ((Number) queue[2]).intValue();
        Long oldestDays = oldest == null ? null : Duration.between(oldest, clock.instant()).toDays();
        return new CaseloadViews.NetworkCaseload(networkCode, today, caseloads.capacity().annualCaseloadPerWte(),
                views, new CaseloadViews.Queue(waiting, oldest, oldestDays), totalOpen, totalOverdue);
    }
}
