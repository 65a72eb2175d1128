package uk.nhs.pcn.referral.messageback;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.referral.outcomes.OutcomeChange;
import uk.nhs.pcn.referral.outcomes.OutcomeMeasure;
import uk.nhs.pcn.referral.outcomes.OutcomeScore;
import uk.nhs.pcn.referral.pathway.ReferralSnapshot;

/**
 * The message back to the GP when a social prescribing episode ends, after the PRSB Social Prescribing Information
 * Standard: who the person is, who referred them and when, who their link worker was, what mattered to them, the
 * support offered, the connections made, how their well-being changed, how the episode ended, and the SNOMED CT codes
 * for the practice to file in the GP record.
 * <p>
 * Written only for a closed referral: discharged, did not attend, withdrawn or declined. It identifies the person,
 * so {@link #toString()} shows none of it.
 *
 * @param linkWorkerAppointmentId the link worker's workforce appointment; null if the referral was never assigned
 * @param whatMattered what matters to the person, from the first conversation
 * @param supportOffered the personalised care and support plan
 * @param outcomes per measure recorded (in the order ONS4, WEMWBS, SWEMWBS): the scores at first contact and at
 *        discharge, and the change when both were recorded
 * @param outcome how the episode ended: DISCHARGED, DID_NOT_ATTEND, WITHDRAWN or DECLINED
 * @param dischargeReason the reason recorded when it closed
 * @param closedOn the date it closed (UK time)
 * @param codes what to file in the GP record
 */
public record MessageBack(UUID referralId, PersonInGpRecord person, String practiceCode, String networkCode,
        LocalDate referralDate, String referralSource, String referredBy, String linkWorkerAppointmentId,
        String whatMattered, String supportOffered, List<ConnectionMade> connections, List<OutcomeResult> outcomes,
        String outcome, String dischargeReason, LocalDate closedOn, List<SnomedCode> codes) {

    /** UK time, for the dates a GP reads. */
    public static final ZoneId UK = ZoneId.of("Europe/London");

    public static final String REFERRAL_TO_SOCIAL_PRESCRIBING = "871731000000106";
    public static final String SOCIAL_PRESCRIBING_DECLINED = "871711000000103";

    public MessageBack {
        connections = List.copyOf(connections);
        outcomes = List.copyOf(outcomes);
        codes = List.copyOf(codes);
    }

    /** The person as the GP record knows them: NHS number as written (3-3-4), name, date of birth. */
    public record PersonInGpRecord(String nhsNumber, String givenName, String familyName, LocalDate dateOfBirth) {
        @Override
        public String toString() {
            return "Person[***]";
        }
    }

    /** A connection to a service: its type (COMMUNITY, VOLUNTARY, STATUTORY), SIGNPOSTED or REFERRED, and uptake. */
    public record ConnectionMade(String serviceName, String serviceType, String mode, LocalDate on, Boolean attended) {
    }

    /** One measure: the score at first contact, at discharge (either may be missing), and the change if both. */
    public record OutcomeResult(OutcomeMeasure measure, OutcomeScore firstContact, OutcomeScore discharge,
            OutcomeChange change) {
    }

    /** A SNOMED CT concept to file in the GP record, with the date it applies from. */
    public record SnomedCode(String code, String display, LocalDate date) {
    }

    /**
     * The message back for a closed referral.
     *
     * @throws ProblemException 409 {@code not-discharged} while the referral is still open
     */
    public static MessageBack of(ReferralSnapshot referral) {
        if (referral.isOpen()) {
            throw ProblemException.conflict("not-discharged", "Referral still open",
                    "The message back to the GP is written when the referral closes (discharged, did not attend, "
                            + "withdrawn or declined); it is " + referral.state());
        }
        ReferralSnapshot.Person who = referral.person();
        PersonInGpRecord person = new PersonInGpRecord(who.nhsNumber() == null ? null : who.nhsNumber().formatted(), who.givenName(),
                who.familyName(), who.dateOfBirth());
        List<ConnectionMade> connections = referral.connections().stream()
                .map(c -> new ConnectionMade(c.serviceName(), c.serviceType(), c.mode(), c.on(), c.attended()))
                .toList();
        return new MessageBack(referral.id(), person, referral.practiceCode(), referral.networkCode(),
                referral.referralDate(), referral.source(), referral.referredBy(), referral.appointmentId(),
                referral.whatMatters(), referral.plan(), connections, outcomes(referral), referral.state(),
                referral.closeReason(), ukDate(referral.closedAt()), codes(referral));
    }

    /**
     * 871731000000106 (referral to social prescribing service) dated the day the referral was accepted, if it was;
     * 871711000000103 (social prescribing declined) dated the day it was declined. No other codes: a code is filed
     * in a clinical record only when it is certainly the right one.
     */
    private static List<SnomedCode> codes(ReferralSnapshot referral) {
        List<SnomedCode> codes = new ArrayList<>();
        referral.firstStep("ACCEPTED").ifPresent(accepted -> codes.add(new SnomedCode(
                REFERRAL_TO_SOCIAL_PRESCRIBING, "Referral to social prescribing service", ukDate(accepted.at()))));
        if ("DECLINED".equals(referral.state())) {
            Instant declinedAt = referral.firstStep("DECLINED").map(ReferralSnapshot.Step::at)
                    .orElse(referral.closedAt());
            codes.add(new SnomedCode(SOCIAL_PRESCRIBING_DECLINED, "Social prescribing declined", ukDate(declinedAt)));
        }
        return codes;
    }

    private static List<OutcomeResult> outcomes(ReferralSnapshot referral) {
        List<OutcomeResult> results = new ArrayList<>();
        for (OutcomeMeasure measure : OutcomeMeasure.values()) {
            Optional<OutcomeScore> first = referral.outcome(measure.name(), "FIRST_CONTACT")
                    .map(ReferralSnapshot.Outcome::score);
            Optional<OutcomeScore> discharge = referral.outcome(measure.name(), "DISCHARGE")
                    .map(ReferralSnapshot.Outcome::score);
            if (first.isEmpty() && discharge.isEmpty()) {
                continue;
            }
            OutcomeChange change = first.isPresent() && discharge.isPresent()
                    ? OutcomeChange.between(first.get(), discharge.get())
                    : null;
            results.add(new OutcomeResult(measure, first.orElse(null), discharge.orElse(null), change));
        }
        return results;
    }

    private static LocalDate ukDate(Instant at) {
        return at == null ? null : LocalDate.ofInstant(at, UK);
    }

    /** Identifies the referral only: the message holds the person's identity. */
    @Override
    public String toString() {
        return "MessageBack[referralId=" + referralId + ", outcome=" + outcome + "]";
    }
}
