package uk.nhs.pcn.referral.reports;

import java.time.LocalDate;

/**
 * A cohort funnel: of the referrals a network received from {@code from} to {@code to} (UK calendar days, both
 * inclusive), how many had reached each step of the pathway by the end of {@code to}. Counts only, never a person.
 * <ul>
 * <li>{@code accepted}, {@code firstContact}, {@code planAgreed}, {@code discharged}: referrals of the cohort that had
 * taken that step by the end of the period (a referral later discharged counts at every step it passed);</li>
 * <li>{@code declined}, {@code didNotAttend}, {@code withdrawn}: referrals of the cohort that left the pathway that
 * way by the end of the period;</li>
 * <li>{@code open}: referrals of the cohort not closed by the end of the period.</li>
 * </ul>
 */
public record PathwayCohort(String networkCode, LocalDate from, LocalDate to, int received, int accepted,
        int firstContact, int planAgreed, int discharged, int declined, int didNotAttend, int withdrawn, int open) {
}
