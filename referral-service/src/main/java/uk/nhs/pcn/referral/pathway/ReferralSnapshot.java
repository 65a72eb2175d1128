package uk.nhs.pcn.referral.pathway;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import uk.nhs.pcn.referral.outcomes.OutcomeMeasure;
import uk.nhs.pcn.referral.outcomes.OutcomeScore;
import uk.nhs.pcn.referral.person.NhsNumber;

/**
 * Everything known about one social prescribing referral at a moment, as read from storage: the input to the FHIR
 * view ({@code fhir.ReferralBundle}) and the message back to the GP ({@code messageback.MessageBack}). Plain data:
 * it holds the person's identity, so its {@link #toString()} and {@link Person#toString()} show none of it.
 *
 * @param networkCode the PCN's ODS code ({@code U45102})
 * @param practiceCode the referring (or registered) practice's ODS code
 * @param source who referred: GP, practice staff, pharmacy, hospital, local authority, voluntary sector, self
 * @param needs the needs and concerns referred for, as codes
 * @param referralDate the date the referrer made the referral
 * @param receivedAt when the service received it
 * @param referredBy the referrer, as the referral names them
 * @param state one of {@link #STATES}
 * @param appointmentId the link worker's workforce appointment the referral is assigned to; null while it is queued
 * @param steps the pathway's history, oldest first: {@code step} is the state entered (so {@code ACCEPTED} dates the
 *        acceptance), or another recorded step such as a contact
 * @param whatMatters what matters to the person, from the first conversation
 * @param plan the personalised care and support plan: the support offered
 * @param closeReason why the referral closed (declined, discharged, did not attend, withdrew); null while open
 * @param closedAt when it closed; null while open
 */
public record ReferralSnapshot(UUID id, String networkCode, String practiceCode, Person person, String source,
        List<String> needs, String referrerNotes, boolean consentToShare, LocalDate referralDate, Instant receivedAt,
        String referredBy, String state, String appointmentId, List<Step> steps, String whatMatters, String plan,
        List<Connection> connections, List<Outcome> outcomes, String closeReason, Instant closedAt) {

    /** The pathway's states, in the order a referral normally passes through them, then the ways it can end early. */
    public static final List<String> STATES = List.of("RECEIVED", "ACCEPTED", "FIRST_CONTACT", "PLAN_AGREED",
            "CONNECTED", "FOLLOW_UP", "DISCHARGED", "DECLINED", "DID_NOT_ATTEND", "WITHDRAWN");

    /** The states in which a referral is closed. */
    public static final Set<String> CLOSED_STATES = Set.of("DISCHARGED", "DECLINED", "DID_NOT_ATTEND", "WITHDRAWN");

    public ReferralSnapshot {
        needs = listOf(needs);
        steps = listOf(steps);
        connections = listOf(connections);
        outcomes = listOf(outcomes);
    }

    /**
     * The person referred. Their identity: never logged ({@link #toString()} shows none of it).
     *
     * @param address the postal address as one text (lines separated by commas or new lines)
     */
    public record Person(NhsNumber nhsNumber, String givenName, String familyName, LocalDate dateOfBirth, String phone,
            String email, String address) {
        @Override
        public String toString() {
            return "Person[***]";
        }
    }

    /** One step of the pathway: what happened ({@code step}), when, who recorded it, and an optional note. */
    public record Step(String step, Instant at, String by, String note) {
    }

    /**
     * A connection the link worker made to a service.
     *
     * @param serviceType COMMUNITY, VOLUNTARY or STATUTORY
     * @param mode SIGNPOSTED (the person was told about it) or REFERRED (the link worker referred them)
     * @param on the date of the connection
     * @param attended whether the person took it up; null while not known
     */
    public record Connection(String serviceName, String serviceType, String mode, LocalDate on, Boolean attended) {
    }

    /**
     * A well-being measure as recorded.
     *
     * @param measure ONS4, WEMWBS or SWEMWBS
     * @param timepoint FIRST_CONTACT or DISCHARGE
     */
    public record Outcome(String measure, String timepoint, List<Integer> items, Integer total, BigDecimal metricScore,
            Instant recordedAt) {
        public Outcome {
            items = listOf(items);
        }

        /** The measure scored again from its items (the items are the record; totals follow from them). */
        public OutcomeScore score() {
            return OutcomeScore.of(OutcomeMeasure.parse(measure), items);
        }
    }

    /** Whether the referral is still on the pathway (not discharged, declined, did not attend or withdrawn). */
    public boolean isOpen() {
        return !CLOSED_STATES.contains(state);
    }

    /** The first time the pathway recorded {@code step} (e.g. {@code ACCEPTED}; the service records "accepted"). */
    public Optional<Step> firstStep(String step) {
        return steps.stream().filter(s -> step.equalsIgnoreCase(s.step())).min(Comparator.comparing(Step::at,
                Comparator.nullsLast(Comparator.naturalOrder())));
    }

    /** The latest outcome recorded for a measure at a timepoint. */
    public Optional<Outcome> outcome(String measure, String timepoint) {
        return outcomes.stream().filter(o -> measure.equals(o.measure()) && timepoint.equals(o.timepoint()))
                .max(Comparator.comparing(Outcome::recordedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    /** Identifies the referral only: the snapshot holds a person's identity and free text about them. */
    @Override
    public String toString() {
        return "ReferralSnapshot[id=" + id + ", networkCode=" + networkCode + ", state=" + state + "]";
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
