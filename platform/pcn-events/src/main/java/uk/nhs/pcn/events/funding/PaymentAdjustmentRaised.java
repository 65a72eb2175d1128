package uk.nhs.pcn.events.funding;

import java.math.BigDecimal;
import java.util.List;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * A line of a confirmed month was corrected: {@code amount} (what is due now less what was paid for the line) is paid
 * in {@code paidInMonth}, the first month not yet confirmed. Months are YYYY-MM; {@code financialYear} is that of the
 * corrected month. {@code practiceCode} is present for a payment to a practice.
 */
@CloudEventType("uk.nhs.pcn.funding.PaymentAdjustmentRaised.v1")
public record PaymentAdjustmentRaised(String networkCode, String adjustmentId, String financialYear,
        String correctsMonth, String paidInMonth, String component, String basis, String practiceCode,
        BigDecimal paidBefore, BigDecimal correctedAmount, BigDecimal amount, String revision,
        List<String> causeEventIds) implements PcnEvent {
    @Override
    public String subject() {
        return networkCode;
    }
}
