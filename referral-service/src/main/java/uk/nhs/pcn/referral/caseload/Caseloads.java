package uk.nhs.pcn.referral.caseload;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import uk.nhs.pcn.events.referral.CaseloadThresholdReached;
import uk.nhs.pcn.events.referral.ReferralAssigned;
import uk.nhs.pcn.events.referral.ReferralQueued;
import uk.nhs.pcn.referral.events.ReferralEvents;
import uk.nhs.pcn.referral.linkworker.LinkWorker;
import uk.nhs.pcn.referral.referral.Referral;
import uk.nhs.pcn.referral.referral.ReferralStep;

/**
 * Assigns referrals to the network's link workers, keeps the network's queue when none is in post, hands a leaving
 * link worker's caseload over, and warns when a caseload reaches its threshold. Every change runs in the caller's
 * transaction with the network's link worker rows locked, so concurrent referrals in one network see each other's
 * assignments.
 */
@ApplicationScoped
public class Caseloads {

    public enum AssignmentReason { NEW, FROM_QUEUE, REASSIGNED }

    /** UK time: a link worker's first and last days are UK calendar days. */
    public static final ZoneId UK = ZoneId.of("Europe/London");

    @Inject
    EntityManager entityManager;

    @Inject
    ReferralEvents events;

    @ConfigProperty(name = "pcn.referral.annual-caseload-per-wte", defaultValue = "250")
    int annualCaseloadPerWte;

    @ConfigProperty(name = "pcn.referral.caseload-threshold-percent", defaultValue = "100")
    int thresholdPercent;

    Clock clock = Clock.systemUTC();

    private Capacity capacity;

    @PostConstruct
    void init() {
        capacity = new Capacity(annualCaseloadPerWte);
    }

    public Capacity capacity() {
        return capacity;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(UK));
    }

    /** The network's link workers taking referrals today, their rows locked until the transaction ends. */
    List<LinkWorker> inPostLocked(String networkCode) {
        LocalDate today = today();
        return entityManager.createQuery("from LinkWorker where networkCode = ?1 order by appointmentId",
                LinkWorker.class).setParameter(1, networkCode).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream().filter(w -> w.takesReferralsOn(today)).toList();
    }

    /** Open referrals per appointment, for the given link workers. */
    public Map<String, Integer> openCaseloads(List<String> appointmentIds) {
        Map<String, Integer> counts = new HashMap<>();
        if (appointmentIds.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = entityManager.createQuery("""
                select r.appointmentId, count(r) from Referral r
                where r.open = true and r.appointmentId in ?1 group by r.appointmentId""", Object[].class)
                .setParameter(1, appointmentIds).getResultList();
        for (Object[] row : rows) {
            counts.put((String) row[0], ((Number) row[1]).intValue());
        }
        return counts;
    }

    /**
     * Assigns the referral to the link worker with the most spare capacity, or queues it when the network has none in
     * post. Publishes ReferralAssigned or ReferralQueued (and CaseloadThresholdReached when the assignment reaches it).
     *
     * @param excluded an appointment that must not receive it (the leaving link worker's), or null
     */
    public void route(Referral referral, AssignmentReason reason, String previousAppointmentId, String excluded,
            String actingUser) {
        List<LinkWorker> inPost = inPostLocked(referral.networkCode).stream()
                .filter(w -> !w.appointmentId.equals(excluded)).toList();
        Map<String, Integer> open = openCaseloads(inPost.stream().map(w -> w.appointmentId).toList());
        List<Routing.Candidate> candidates = inPost.stream().map(w -> new Routing.Candidate(w.appointmentId, w.wte,
                w.startDate, open.getOrDefault(w.appointmentId, 0), capacity.of(w.wte))).toList();
        Instant now = clock.instant();
        Optional<Routing.Candidate> chosen = Routing.choose(candidates);
        if (chosen.isEmpty()) {
            boolean wasQueued = referral.appointmentId == null && referral.queuedSince != null;
            referral.appointmentId = null;
            if (!wasQueued) {
                referral.queuedSince = now;
                String queueReason = previousAppointmentId == null ? "NO_LINK_WORKER_IN_POST" : "LINK_WORKER_LEFT";
                ReferralStep.of(referral.id, "queued", now, actingUser, null).persist();
                events.publish(referral.networkCode, new ReferralQueued(referral.networkCode, referral.id.toString(),
                        queueReason, previousAppointmentId, now));
            }
            return;
        }
        Routing.Candidate to = chosen.get();
        referral.appointmentId = to.appointmentId();
        referral.queuedSince = null;
        ReferralStep.of(referral.id, "assigned", now, actingUser, null).persist();
        events.publish(referral.networkCode, new ReferralAssigned(referral.networkCode, referral.id.toString(),
                to.appointmentId(), reason.name(), previousAppointmentId, now));
        checkThreshold(inPost.stream().filter(w -> w.appointmentId.equals(to.appointmentId())).findFirst().orElseThrow(),
                to.openReferrals() + 1, to.capacity(), now);
    }

    private void checkThreshold(LinkWorker worker, int openReferrals, int capacityPlaces, Instant now) {
        boolean reached = (long) openReferrals * 100 >= (long) capacityPlaces * thresholdPercent;
        if (reached && !worker.thresholdReached) {
            worker.thresholdReached = true;
            events.publish(worker.networkCode, new CaseloadThresholdReached(worker.networkCode, worker.appointmentId,
                    openReferrals, capacityPlaces, thresholdPercent, now));
        }
    }

    /** After a referral of the link worker closed: a caseload back under the threshold may warn again later. */
    public void released(String appointmentId) {
        if (appointmentId == null) {
            return;
        }
        LinkWorker worker = entityManager.find(LinkWorker.class, appointmentId);
        if (worker != null && worker.thresholdReached) {
            int open = openCaseloads(List.of(appointmentId)).getOrDefault(appointmentId, 0);
            if ((long) open * 100 < (long) capacity.of(worker.wte) * thresholdPercent) {
                worker.thresholdReached = false;
            }
        }
    }

    /** Assigns the network's waiting referrals, oldest first, while a link worker is in post. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int drainQueue(String networkCode, String actingUser) {
        if (inPostLocked(networkCode).isEmpty()) {
            return 0;
        }
        List<Referral> waiting = Referral.<Referral>list(
                "networkCode = ?1 and open = true and appointmentId is null order by queuedSince, receivedAt, id",
                networkCode);
        for (Referral referral : waiting) {
            route(referral, AssignmentReason.FROM_QUEUE, null, null, actingUser);
        }
        return waiting.size();
    }

    /**
     * A link worker's last day has come (or passed): each of their open referrals goes to a colleague in post, or
     * to the network's queue.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int handOver(LinkWorker leaving, String actingUser) {
        List<Referral> caseload = Referral.<Referral>list(
                "appointmentId = ?1 and open = true order by receivedAt, id", leaving.appointmentId);
        for (Referral referral : caseload) {
            route(referral, AssignmentReason.REASSIGNED, leaving.appointmentId, leaving.appointmentId, actingUser);
        }
        leaving.thresholdReached = false;
        return caseload.size();
    }

    /**
     * Brings every network up to date with the calendar: hands over the caseloads of link workers whose last day has
     * come, and assigns queued referrals in networks where someone is now in post. Idempotent.
     */
    @Transactional
    public void catchUp(String actingUser) {
        LocalDate today = today();
        List<LinkWorker> leaving = entityManager.createQuery("""
                select w from LinkWorker w where w.endDate is not null and w.endDate <= ?1
                  and exists (select 1 from Referral r where r.appointmentId = w.appointmentId and r.open = true)""",
                LinkWorker.class).setParameter(1, today).getResultList();
        for (LinkWorker w : leaving) {
            handOver(w, actingUser);
        }
        List<String> queued = entityManager.createQuery(
                "select distinct r.networkCode from Referral r where r.open = true and r.appointmentId is null",
                String.class).getResultList();
        for (String network : queued) {
            drainQueue(network, actingUser);
        }
    }
}
