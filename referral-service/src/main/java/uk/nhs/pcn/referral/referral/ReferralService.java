package uk.nhs.pcn.referral.referral;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.ForbiddenException;
import uk.nhs.pcn.events.referral.OutcomeRecorded;
import uk.nhs.pcn.events.referral.ReferralAccepted;
import uk.nhs.pcn.events.referral.ReferralDeclined;
import uk.nhs.pcn.events.referral.ReferralDischarged;
import uk.nhs.pcn.events.referral.ReferralReceived;
import uk.nhs.pcn.platform.ods.OdsCodes;
import uk.nhs.pcn.platform.problem.Problem;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.registry.RegistryReadModel;
import uk.nhs.pcn.referral.access.ReferralAccess;
import uk.nhs.pcn.referral.caseload.Caseloads;
import uk.nhs.pcn.referral.events.ReferralEvents;
import uk.nhs.pcn.referral.outcomes.OutcomeScore;
import uk.nhs.pcn.referral.pathway.IllegalStep;
import uk.nhs.pcn.referral.pathway.PathwayState;
import uk.nhs.pcn.referral.pathway.PathwayStep;
import uk.nhs.pcn.referral.person.AgeBand;
import uk.nhs.pcn.referral.person.NhsNumber;
import uk.nhs.pcn.referral.person.Pseudonymiser;

/**
 * Receives referrals and moves them along the pathway. Each change and its events are one transaction (the outbox),
 * and each step locks the referral, so of two concurrent steps the second sees the first's state.
 */
@ApplicationScoped
public class ReferralService {

    public static final String ACCEPTED_SNOMED = "871731000000106";
    public static final String DECLINED_SNOMED = "871711000000103";

    @Inject
    EntityManager entityManager;

    @Inject
    RegistryReadModel registry;

    @Inject
    Pseudonymiser pseudonymiser;

    @Inject
    Caseloads caseloads;

    @Inject
    ReferralEvents events;

    /** A referral not accepted (or declined) within this time of receipt is flagged as overdue. */
    @ConfigProperty(name = "pcn.referral.acceptance-due", defaultValue = "P14D")
    Duration acceptanceDue;

    Clock clock = Clock.systemUTC();

    public Duration acceptanceDue() {
        return acceptanceDue;
    }

    /** Whether a referral still waits for acceptance beyond the configured time. */
    public boolean overdueForAcceptance(Referral referral) {
        return referral.state == PathwayState.RECEIVED
                && referral.receivedAt.plus(acceptanceDue).isBefore(clock.instant());
    }

    /**
     * Whether the caller may refer from the practice, decided before the rest of the body is read: a referrer's
     * token must name the practice; a link worker's the practice's network on the referral date (today when the
     * date is missing or not a date: the body's own check names it afterwards). A practice in no network is left to
     * {@link #receive}, which names that.
     */
    @Transactional
    public void authoriseReferral(String practiceCode, String referralDate, ReferralAccess access) {
        if (access.refersFor(practiceCode)) {
            return;
        }
        if (access.isLinkWorker()) {
            if (!practiceCode.matches(OdsCodes.PRACTICE)) {
                return; // not a practice code: no network to check against; the body's own check names it
            }
            LocalDate date = caseloads.today();
            try {
                date = referralDate == null ? date : LocalDate.parse(referralDate);
            } catch (java.time.format.DateTimeParseException e) {
                // not a date: refused by the body's own check once the caller is authorised
            }
            java.util.Optional<String> network = registry.networkOf(practiceCode, date);
            if (network.isEmpty() || access.isLinkWorkerOf(network.get())) {
                return;
            }
            throw new ForbiddenException("Your token may not refer from practice " + practiceCode
                    + ": a link worker's names the practice's network " + network.get());
        }
        throw new ForbiddenException("Your token may not refer from practice " + practiceCode
                + ": a referrer's names the practice");
    }

    @Transactional
    public Referral receive(ReferralRequests.NewReferral r, ReferralAccess access) {
        NhsNumber nhsNumber = NhsNumber.parse(r.person().nhsNumber(), "person.nhsNumber");
        LocalDate referralDate = r.referralDate() == null ? caseloads.today() : r.referralDate();
        if (r.person().dateOfBirth().isAfter(referralDate)) {
            throw ProblemException.invalid("person.dateOfBirth", "before-referral-date",
                    "The date of birth must be on or before the referral date (" + referralDate + ")");
        }
        String network = registry.networkOf(r.practiceCode(), referralDate).orElseThrow(() ->
                ProblemException.unprocessable("practice-not-in-network", "Practice is in no network",
                        List.of(new Problem.FieldError("practiceCode", "practice-in-network", "Practice "
                                + r.practiceCode() + " belonged to no primary care network on " + referralDate
                                + " (as the registry publishes it), so there is no link worker to refer to"))));
        if (!access.refersFor(r.practiceCode()) && !access.isLinkWorkerOf(network)) {
            throw new ForbiddenException("Your token may not refer from practice " + r.practiceCode()
                    + ": a referrer's names the practice, a link worker's names its network " + network);
        }
        String pseudonym = pseudonymiser.pseudonym(nhsNumber);
        // One person's referrals into one network are taken one at a time, so the duplicate check below holds under
        // concurrent requests (the partial unique index is the backstop).
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, network + ":" + pseudonym).getSingleResult();
        Referral existing = Referral.<Referral>find("networkCode = ?1 and personPseudonym = ?2 and open = true",
                network, pseudonym).firstResult();
        if (existing != null) {
            throw new ProblemException(409, "duplicate-open-referral", "Open referral exists",
                    "This person already has an open referral in network " + network + ": /api/v1/referrals/"
                            + existing.id + " (" + existing.state + "); add to it rather than referring again",
                    List.of(new Problem.FieldError("person.nhsNumber", "one-open-referral-per-network",
                            "An open referral exists: /api/v1/referrals/" + existing.id)));
        }
        Instant now = clock.instant();
        Referral referral = new Referral();
        referral.id = UUID.randomUUID();
        referral.networkCode = network;
        referral.practiceCode = r.practiceCode();
        referral.source = r.source();
        referral.nhsNumber = nhsNumber.value();
        referral.givenName = r.person().givenName().strip();
        referral.familyName = r.person().familyName().strip();
        referral.dateOfBirth = r.person().dateOfBirth();
        referral.phone = blankToNull(r.person().phone());
        referral.email = blankToNull(r.person().email());
        referral.address = blankToNull(r.person().address());
        referral.personPseudonym = pseudonym;
        referral.ageBand = AgeBand.on(r.person().dateOfBirth(), referralDate).code();
        referral.needs.addAll(r.needs());
        referral.referrerNotes = blankToNull(r.referrerNotes());
        referral.consentToShare = r.consentToShare();
        referral.referralDate = referralDate;
        referral.receivedAt = now;
        referral.referredBy = access.user();
        referral.moveTo(PathwayState.RECEIVED);
        referral.persist();
        ReferralStep.of(referral.id, "received", now, access.user(), null).persist();
        events.publish(network, new ReferralReceived(network, referral.id.toString(), referral.practiceCode,
                pseudonym, referral.source.name(), referral.needs.stream().map(Enum::name).toList(),
                referral.ageBand, referral.consentToShare, referralDate, now));
        caseloads.route(referral, Caseloads.AssignmentReason.NEW, null, null, access.user());
        return referral;
    }

    /**
     * Locks the referral's row until the transaction ends (so of two concurrent steps the second sees the first's
     * state), then loads it. The lock is a plain {@code SELECT ... FOR UPDATE}: Hibernate's own lock of an entity
     * with an eagerly fetched collection failed under concurrent steps.
     */
    private Referral locked(UUID id) {
        List<?> row = entityManager.createNativeQuery("SELECT id FROM referral WHERE id = ?1 FOR UPDATE")
                .setParameter(1, id).getResultList();
        if (row.isEmpty()) {
            return null;
        }
        Referral referral = Referral.findById(id);
        entityManager.refresh(referral);
        return referral;
    }

    /** Loads and locks a referral for a step by a link worker of its network. */
    private Referral forStep(UUID id, ReferralAccess access, PathwayStep step) {
        Referral referral = locked(id);
        if (referral == null) {
            throw ProblemException.notFound("Referral", id.toString());
        }
        access.requireLinkWorkerOf(referral.networkCode);
        IllegalStep.check(step, referral.state);
        return referral;
    }

    /** Loads a referral whose network the caller is a link worker of, for authorisation before validation. */
    public Referral requireForLinkWorker(UUID id, ReferralAccess access) {
        Referral referral = Referral.findById(id);
        if (referral == null) {
            throw ProblemException.notFound("Referral", id.toString());
        }
        access.requireLinkWorkerOf(referral.networkCode);
        return referral;
    }

    @Transactional
    public Referral accept(UUID id, ReferralRequests.Accept r, ReferralAccess access) {
        Referral referral = forStep(id, access, PathwayStep.ACCEPT);
        Instant now = clock.instant();
        if (referral.appointmentId == null) {
            throw ProblemException.conflict("referral-queued", "Referral waits in the queue",
                    "The referral waits in the network's queue for a link worker in post; it can be accepted once "
                            + "assigned", "step");
        }
        referral.moveTo(PathwayState.ACCEPTED);
        referral.acceptedAt = now;
        ReferralStep.of(id, "accepted", now, access.user(), r == null ? null : blankToNull(r.note())).persist();
        events.publish(referral.networkCode, new ReferralAccepted(referral.networkCode, id.toString(),
                referral.appointmentId, ACCEPTED_SNOMED,
                (int) ChronoUnit.DAYS.between(referral.receivedAt, now), now));
        return referral;
    }

    @Transactional
    public Referral decline(UUID id, ReferralRequests.Decline r, ReferralAccess access) {
        Referral referral = forStep(id, access, PathwayStep.DECLINE);
        Instant now = clock.instant();
        String appointment = referral.appointmentId;
        referral.moveTo(PathwayState.DECLINED);
        referral.closeReason = r.reason().name();
        referral.closedAt = now;
        ReferralStep.of(id, "declined", now, access.user(), blankToNull(r.note())).persist();
        events.publish(referral.networkCode, new ReferralDeclined(referral.networkCode, id.toString(),
                DECLINED_SNOMED, r.reason().name(), now));
        caseloads.released(appointment);
        return referral;
    }

    @Transactional
    public Referral firstContact(UUID id, ReferralRequests.FirstContact r, ReferralAccess access) {
        Referral referral = forStep(id, access, PathwayStep.FIRST_CONTACT);
        Instant now = clock.instant();
        referral.moveTo(PathwayState.FIRST_CONTACT);
        referral.firstContactAt = now;
        referral.whatMatters = r.whatMatters().strip();
        ReferralStep.of(id, "first-contact", now, access.user(), blankToNull(r.note())).persist();
        return referral;
    }

    @Transactional
    public Referral agreePlan(UUID id, ReferralRequests.AgreePlan r, ReferralAccess access) {
        Referral referral = forStep(id, access, PathwayStep.AGREE_PLAN);
        Instant now = clock.instant();
        referral.moveTo(PathwayState.PLAN_AGREED);
        referral.plan = r.plan().strip();
        ReferralStep.of(id, "plan-agreed", now, access.user(), null).persist();
        return referral;
    }

    @Transactional
    public Connection connect(UUID id, ReferralRequests.Connect r, ReferralAccess access) {
        Referral referral = forStep(id, access, PathwayStep.CONNECT);
        Instant now = clock.instant();
        referral.moveTo(PathwayState.CONNECTED);
        Connection c = new Connection();
        c.id = UUID.randomUUID();
        c.referralId = id;
        c.serviceName = r.serviceName().strip();
        c.serviceType = r.serviceType();
        c.mode = r.mode();
        c.connectedOn = r.connectedOn() == null ? caseloads.today() : r.connectedOn();
        c.attended = r.attended();
        c.recordedAt = now;
        c.recordedBy = access.user();
        c.persist();
        ReferralStep.of(id, "connected", now, access.user(), null).persist();
        return c;
    }

    /** Whether the person attended a connection: recordable while the referral is open, or after discharge. */
    @Transactional
    public Connection recordAttendance(UUID id, UUID connectionId, boolean attended, ReferralAccess access) {
        Referral referral = locked(id);
        if (referral == null) {
            throw ProblemException.notFound("Referral", id.toString());
        }
        access.requireLinkWorkerOf(referral.networkCode);
        Connection c = Connection.findById(connectionId);
        if (c == null || !c.referralId.equals(id)) {
            throw ProblemException.notFound("Connection", connectionId.toString());
        }
        c.attended = attended;
        ReferralStep.of(id, "attendance-recorded", clock.instant(), access.user(), null).persist();
        return c;
    }

    @Transactional
    public Referral followUp(UUID id, ReferralRequests.FollowUp r, ReferralAccess access) {
        Referral referral = forStep(id, access, PathwayStep.FOLLOW_UP);
        referral.moveTo(PathwayState.FOLLOW_UP);
        ReferralStep.of(id, "follow-up", clock.instant(), access.user(), r == null ? null : blankToNull(r.note()))
                .persist();
        return referral;
    }

    @Transactional
    public Referral discharge(UUID id, ReferralRequests.Discharge r, ReferralAccess access) {
        Referral referral = forStep(id, access, PathwayStep.DISCHARGE);
        return close(referral, PathwayState.DISCHARGED, r.reason().name(), blankToNull(r.note()), access);
    }

    @Transactional
    public Referral didNotAttend(UUID id, ReferralRequests.Close r, ReferralAccess access) {
        Referral referral = forStep(id, access, PathwayStep.DID_NOT_ATTEND);
        return close(referral, PathwayState.DID_NOT_ATTEND, "DID_NOT_ATTEND", r == null ? null : blankToNull(r.note()),
                access);
    }

    @Transactional
    public Referral withdraw(UUID id, ReferralRequests.Close r, ReferralAccess access) {
        Referral referral = forStep(id, access, PathwayStep.WITHDRAW);
        return close(referral, PathwayState.WITHDRAWN, "WITHDRAWN", r == null ? null : blankToNull(r.note()), access);
    }

    private Referral close(Referral referral, PathwayState to, String reason, String note, ReferralAccess access) {
        Instant now = clock.instant();
        PathwayState stage = referral.state;
        String appointment = referral.appointmentId;
        referral.moveTo(to);
        referral.closeReason = reason;
        referral.closedAt = now;
        ReferralStep.of(referral.id, to.name().toLowerCase().replace('_', '-'), now, access.user(), note).persist();
        long contacts = ReferralStep.count("referralId = ?1 and step in ('first-contact', 'follow-up')", referral.id);
        Map<String, int[]> byType = new TreeMap<>();
        for (Connection c : Connection.<Connection>list("referralId", referral.id)) {
            int[] counts = byType.computeIfAbsent(c.serviceType + "/" + c.mode, k -> new int[2]);
            counts[0]++;
            if (Boolean.TRUE.equals(c.attended)) {
                counts[1]++;
            }
        }
        List<ReferralDischarged.ConnectionCount> connections = new ArrayList<>();
        byType.forEach((key, counts) -> {
            String[] parts = key.split("/");
            connections.add(new ReferralDischarged.ConnectionCount(parts[0], parts[1], counts[0], counts[1]));
        });
        String outcome = to == PathwayState.DISCHARGED ? "DISCHARGED" : to.name();
        events.publish(referral.networkCode, new ReferralDischarged(referral.networkCode, referral.id.toString(),
                outcome, reason, stage.name(), (int) contacts, connections,
                (int) ChronoUnit.DAYS.between(referral.receivedAt, now), now));
        caseloads.released(appointment);
        return referral;
    }

    /**
     * Records an outcome measure at first contact (once the first contact is recorded) or at discharge (from the
     * plan onwards, or just after discharge). Recording the same measure at the same time point again replaces it.
     */
    @Transactional
    public RecordedOutcome recordOutcome(UUID id, ReferralRequests.RecordOutcome r, ReferralAccess access) {
        Referral referral = locked(id);
        if (referral == null) {
            throw ProblemException.notFound("Referral", id.toString());
        }
        access.requireLinkWorkerOf(referral.networkCode);
        boolean allowed = switch (r.timepoint()) {
            case FIRST_CONTACT -> referral.firstContactAt != null && (referral.state.isOpen()
                    || referral.state == PathwayState.DISCHARGED);
            case DISCHARGE -> referral.state == PathwayState.DISCHARGED || referral.state == PathwayState.PLAN_AGREED
                    || referral.state == PathwayState.CONNECTED || referral.state == PathwayState.FOLLOW_UP;
        };
        if (!allowed) {
            throw ProblemException.conflict("outcome-timepoint", "Outcome not recordable now",
                    "A " + r.timepoint() + " outcome cannot be recorded on a referral that is " + referral.state
                            + (r.timepoint() == ReferralRequests.Timepoint.FIRST_CONTACT
                                    ? ": record the first contact first"
                                    : ": the discharge measure is taken once a plan is agreed, up to discharge"),
                    "timepoint");
        }
        OutcomeScore score = OutcomeScore.of(r.measure(), r.items());
        Instant now = clock.instant();
        RecordedOutcome o = RecordedOutcome.find("referralId = ?1 and measure = ?2 and timepoint = ?3", id,
                r.measure().name(), r.timepoint().name()).firstResult();
        if (o == null) {
            o = new RecordedOutcome();
            o.referralId = id;
            o.measure = r.measure().name();
            o.timepoint = r.timepoint().name();
        }
        o.items = RecordedOutcome.join(r.items());
        o.total = score.total();
        o.metricScore = score.metricScore();
        o.recordedAt = now;
        o.recordedBy = access.user();
        o.persist();
        ReferralStep.of(id, "outcome-" + r.measure().name().toLowerCase(), now, access.user(), null).persist();
        events.publish(referral.networkCode, new OutcomeRecorded(referral.networkCode, id.toString(),
                referral.personPseudonym, o.measure, o.timepoint, r.items(), o.total, o.metricScore, now));
        return o;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
