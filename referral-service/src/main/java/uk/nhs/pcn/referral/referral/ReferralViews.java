package uk.nhs.pcn.referral.referral;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import uk.nhs.pcn.referral.audit.AccessAudit;
import uk.nhs.pcn.referral.pathway.PathwayState;
import uk.nhs.pcn.referral.pathway.PathwayStep;

/** What the referral endpoints answer. */
public final class ReferralViews {

    private ReferralViews() {
    }

    /** The person referred: patient-identifiable, shown only to the network's link workers and the referrer. */
    public record PersonView(String nhsNumber, String givenName, String familyName, LocalDate dateOfBirth,
            String phone, String email, String address) {
    }

    public record StepView(String step, Instant at, String by, String note) {
        static StepView of(ReferralStep s) {
            return new StepView(s.step, s.at, s.byUser, s.note);
        }
    }

    public record ConnectionView(UUID id, String serviceName, Connection.ServiceType serviceType, Connection.Mode mode,
            LocalDate connectedOn, Boolean attended) {
        public static ConnectionView of(Connection c) {
            return new ConnectionView(c.id, c.serviceName, c.serviceType, c.mode, c.connectedOn, c.attended);
        }
    }

    public record OutcomeView(String measure, String timepoint, List<Integer> items, Integer total,
            BigDecimal metricScore, Instant recordedAt, String recordedBy) {
        public static OutcomeView of(RecordedOutcome o) {
            return new OutcomeView(o.measure, o.timepoint, o.itemList(), o.total, o.metricScore, o.recordedAt,
                    o.recordedBy);
        }
    }

    /**
     * A referral without the person: what lists show, and all a PCN manager sees. {@code overdueForAcceptance} is
     * true when it still waits for acceptance beyond the configured time (14 days by default).
     */
    public record ReferralSummary(UUID id, String networkCode, String practiceCode, String source, List<String> needs,
            String ageBand, LocalDate referralDate, Instant receivedAt, PathwayState state, String appointmentId,
            Instant queuedSince, boolean overdueForAcceptance, List<String> nextSteps) {
        public static ReferralSummary of(Referral r, boolean overdue) {
            return new ReferralSummary(r.id, r.networkCode, r.practiceCode, r.source.name(),
                    r.needs.stream().map(Enum::name).sorted().toList(), r.ageBand, r.referralDate, r.receivedAt,
                    r.state, r.appointmentId, r.queuedSince, overdue,
                    r.state.allowedSteps().stream().map(PathwayStep::path).toList());
        }
    }

    /** The whole referral, person included: every read is written to the access audit. */
    public record ReferralView(UUID id, String networkCode, String practiceCode, String source, List<String> needs,
            PersonView person, String ageBand, String referrerNotes, boolean consentToShare, LocalDate referralDate,
            Instant receivedAt, String referredBy, PathwayState state, List<String> nextSteps, String appointmentId,
            Instant queuedSince, boolean overdueForAcceptance, String whatMatters, String plan,
            List<ConnectionView> connections, List<OutcomeView> outcomes, String closeReason, Instant closedAt,
            List<StepView> history) {
        public static ReferralView of(Referral r, boolean overdue, List<ReferralStep> steps,
                List<Connection> connections, List<RecordedOutcome> outcomes) {
            return new ReferralView(r.id, r.networkCode, r.practiceCode, r.source.name(),
                    r.needs.stream().map(Enum::name).sorted().toList(),
                    new PersonView(r.nhsNumber, r.givenName, r.familyName, r.dateOfBirth, r.phone, r.email, r.address),
                    r.ageBand, r.referrerNotes, r.consentToShare, r.referralDate, r.receivedAt, r.referredBy, r.state,
                    r.state.allowedSteps().stream().map(PathwayStep::path).toList(), r.appointmentId, r.queuedSince,
                    overdue, r.whatMatters, r.plan, connections.stream().map(ConnectionView::of).toList(),
                    outcomes.stream().map(OutcomeView::of).toList(), r.closeReason, r.closedAt,
                    steps.stream().map(StepView::of).toList());
        }
    }

    /** A referral's state after a step, without the person (a step's answer is not an identifiable read). */
    public record StepResult(UUID id, PathwayState state, List<String> nextSteps, String appointmentId) {
        public static StepResult of(Referral r) {
            return new StepResult(r.id, r.state, r.state.allowedSteps().stream().map(PathwayStep::path).toList(),
                    r.appointmentId);
        }
    }

    public record AuditEntry(Instant readAt, String readBy, String roles, AccessAudit.What what, String reason) {
        public static AuditEntry of(AccessAudit a) {
            return new AuditEntry(a.readAt, a.readBy, a.roles, a.what, a.reason);
        }
    }
}
