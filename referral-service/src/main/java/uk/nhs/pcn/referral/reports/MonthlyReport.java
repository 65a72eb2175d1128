package uk.nhs.pcn.referral.reports;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * A network's social prescribing activity in one month (UK calendar): counts and means only, never a person.
 * <ul>
 * <li>{@code received}: referrals received in the month, by source and by need (a referral with two needs counts
 * once under each);</li>
 * <li>{@code accepted}, {@code declined}, {@code didNotAttend}, {@code withdrawn}, {@code discharged}: steps taken in
 * the month;</li>
 * <li>{@code medianDaysToFirstContact}: over the first contacts made in the month, days from receipt (null when
 * none);</li>
 * <li>{@code connections}: connections made in the month by service type and mode, and how many were attended;</li>
 * <li>{@code outcomeChange}: for people discharged in the month with a measure at both first contact and discharge,
 * the mean change (ONS4 per item, never summed; anxiety falls when people improve).</li>
 * </ul>
 */
public record MonthlyReport(String networkCode, YearMonth month, int received, Map<String, Integer> bySource,
        Map<String, Integer> byNeed, int accepted, int declined, int didNotAttend, int withdrawn, int discharged,
        BigDecimal medianDaysToFirstContact, List<ConnectionCount> connections, List<MeanOutcomeChange> outcomeChange) {

    public record ConnectionCount(String serviceType, String mode, int count, int attended) {
    }

    /** The mean change of one score of a measure over {@code people} people. */
    public record MeanOutcomeChange(String measure, String score, int people, BigDecimal meanAtFirstContact,
            BigDecimal meanAtDischarge, BigDecimal meanChange) {
    }
}
