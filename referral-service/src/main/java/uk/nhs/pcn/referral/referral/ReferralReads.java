package uk.nhs.pcn.referral.referral;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Parameters;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.referral.access.ReferralAccess;
import uk.nhs.pcn.referral.audit.AccessAudit;
import uk.nhs.pcn.referral.audit.AccessAuditLog;
import uk.nhs.pcn.referral.fhir.ReferralBundle;
import uk.nhs.pcn.referral.messageback.MessageBack;
import uk.nhs.pcn.referral.pathway.PathwayState;
import uk.nhs.pcn.referral.pathway.ReferralSnapshot;
import uk.nhs.pcn.referral.person.NhsNumber;

/**
 * Reads of referrals. A read that shows the person (the referral, its FHIR Bundle, the message back) is written to
 * the access audit in the same transaction, before anything is returned.
 */
@ApplicationScoped
public class ReferralReads {

    @Inject
    AccessAuditLog audit;

    @Inject
    ReferralService referrals;

    @Inject
    ReferralBundle bundles;

    private Referral identifiable(UUID id, ReferralAccess access, AccessAudit.What what, String reason) {
        Referral referral = require(id);
        access.requireIdentifiableRead(referral);
        // The reason is kept in the audit: a control character (e.g. an escape sequence) is refused, naming it.
        uk.nhs.pcn.platform.api.TextCharacters.require(ReferralResource.REASON, reason);
        audit.read(referral, what, access.user(), access.roles(), reason);
        return referral;
    }

    static Referral require(UUID id) {
        Referral referral = Referral.findById(id);
        if (referral == null) {
            throw ProblemException.notFound("Referral", id.toString());
        }
        return referral;
    }

    @Transactional
    public ReferralViews.ReferralView read(UUID id, ReferralAccess access, String reason) {
        Referral r = identifiable(id, access, AccessAudit.What.REFERRAL, reason);
        return ReferralViews.ReferralView.of(r, referrals.overdueForAcceptance(r),
                ReferralStep.list("referralId = ?1 order by id", id),
                Connection.list("referralId = ?1 order by connectedOn, recordedAt", id),
                RecordedOutcome.list("referralId = ?1 order by recordedAt", id));
    }

    @Transactional
    public String fhir(UUID id, ReferralAccess access, String reason) {
        return bundles.json(snapshot(identifiable(id, access, AccessAudit.What.FHIR_BUNDLE, reason)));
    }

    @Transactional
    public MessageBack messageBack(UUID id, ReferralAccess access, String reason) {
        Referral r = require(id);
        access.requireIdentifiableRead(r);
        if (r.state.isOpen()) {
            // Refused (409) before the audit: nothing identifiable is shown.
            return MessageBack.of(snapshot(r));
        }
        audit.read(r, AccessAudit.What.MESSAGE_BACK, access.user(), access.roles(), reason);
        return MessageBack.of(snapshot(r));
    }

    @Transactional
    public List<ReferralViews.AuditEntry> audit(UUID id, ReferralAccess access) {
        Referral r = require(id);
        access.requireAuditRead(r.networkCode);
        return audit.of(r).stream().map(ReferralViews.AuditEntry::of).toList();
    }

    /** A network's referrals without the person, optionally of one state or one link worker, newest first. */
    public List<ReferralViews.ReferralSummary> network(String networkCode, PathwayState state, String appointmentId,
            Boolean queued, int limit) {
        StringBuilder query = new StringBuilder("networkCode = :network");
        Parameters params = Parameters.with("network", networkCode);
        if (state != null) {
            query.append(" and state = :state");
            params.and("state", state);
        }
        if (appointmentId != null) {
            query.append(" and appointmentId = :appointment");
            params.and("appointment", appointmentId);
        }
        if (Boolean.TRUE.equals(queued)) {
            query.append(" and open = true and appointmentId is null");
        }
        query.append(" order by receivedAt desc, id");
        return Referral.<Referral>find(query.toString(), params).page(0, limit).list().stream()
                .map(r -> ReferralViews.ReferralSummary.of(r, referrals.overdueForAcceptance(r))).toList();
    }

    /** The referrals a referrer made, without the person, newest first. */
    public List<ReferralViews.ReferralSummary> madeBy(String user, int limit) {
        return Referral.<Referral>find("referredBy = ?1 order by receivedAt desc, id", user).page(0, limit).list()
                .stream().map(r -> ReferralViews.ReferralSummary.of(r, referrals.overdueForAcceptance(r))).toList();
    }

    /** The referral as the FHIR and message-back builders read it. */
    static ReferralSnapshot snapshot(Referral r) {
        List<ReferralSnapshot.Step> steps = new ArrayList<>();
        for (ReferralStep s : ReferralStep.<ReferralStep>list("referralId = ?1 order by id", r.id)) {
            steps.add(new ReferralSnapshot.Step(s.step, s.at, s.byUser, s.note));
        }
        List<ReferralSnapshot.Connection> connections = Connection.<Connection>list(
                "referralId = ?1 order by connectedOn, recordedAt", r.id).stream()
                .map(c -> new ReferralSnapshot.Connection(c.serviceName, c.serviceType.name(), c.mode.name(),
                        c.connectedOn, c.attended)).toList();
        List<ReferralSnapshot.Outcome> outcomes = RecordedOutcome.<RecordedOutcome>list(
                "referralId = ?1 order by recordedAt", r.id).stream()
                .map(o -> new ReferralSnapshot.Outcome(o.measure, o.timepoint, o.itemList(), o.total, o.metricScore,
                        o.recordedAt)).toList();
        return new ReferralSnapshot(r.id, r.networkCode, r.practiceCode,
                new ReferralSnapshot.Person(NhsNumber.parse(r.nhsNumber), r.givenName, r.familyName, r.dateOfBirth,
                        r.phone, r.email, r.address),
                r.source.name(), r.needs.stream().map(Enum::name).sorted().toList(), r.referrerNotes,
                r.consentToShare, r.referralDate, r.receivedAt, r.referredBy, r.state.name(), r.appointmentId, steps,
                r.whatMatters, r.plan, connections, outcomes, r.closeReason, r.closedAt);
    }
}
