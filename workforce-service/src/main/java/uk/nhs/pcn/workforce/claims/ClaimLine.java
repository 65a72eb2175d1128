package uk.nhs.pcn.workforce.claims;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One explained line of a monthly claim: a period of the month in which the appointment's hours, pay and the
 * role's maximum were constant. {@code amount = min(fullTimeAnnualCost, roleMaximum) / 12 × wte × daysInPost /
 * daysInMonth}, rounded to the penny.
 */
public record ClaimLine(UUID appointmentId, String staffReference, String roleCode, String roleName,
        LocalDate from, LocalDate to, int daysInPost, int daysInMonth, BigDecimal wte,
        BigDecimal fullTimeAnnualCost, BigDecimal roleMaximum, LocalDate roleMaximumFrom, String rateSetYear,
        String basis, BigDecimal amount) {
}
