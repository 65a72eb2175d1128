package uk.nhs.pcn.events.workforce;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * A network's ARRS reimbursement claim for a month was calculated. {@code month} is YYYY-MM; {@code effectiveDate}
 * its first day. {@code complete} is false when some lines could not be calculated because the ARRS rule set
 * marks a figure they need unknown: {@code totalAmount} then covers the calculated lines only and
 * {@code unavailableLines} lists the others. {@code yearToDateComplete} is false when any month counted in
 * {@code yearToDateAmount} is incomplete. The three were added within v1: events without them are complete.
 */
@CloudEventType("uk.nhs.pcn.workforce.MonthlyClaimCalculated.v1")
public record MonthlyClaimCalculated(String networkCode, String month, String financialYear, int lineCount,
        BigDecimal totalAmount, BigDecimal yearToDateAmount, LocalDate effectiveDate, Boolean complete,
        List<UnavailableLine> unavailableLines, Boolean yearToDateComplete) implements PcnEvent {

    /**
     * A line the month needs that could not be calculated. {@code reason} is {@code marked-unknown} (the rule set
     * marks the figure unknown from {@code unknownFrom}) or {@code not-in-rule-set} (no entry covers the date).
     */
    public record UnavailableLine(String appointmentId, String staffReference, String roleCode, LocalDate from,
            LocalDate to, BigDecimal wte, String missingFigure, String reason, LocalDate unknownFrom) {
    }

    /** A complete claim, as published before incomplete claims were possible. */
    public MonthlyClaimCalculated(String networkCode, String month, String financialYear, int lineCount,
            BigDecimal totalAmount, BigDecimal yearToDateAmount, LocalDate effectiveDate) {
        this(networkCode, month, financialYear, lineCount, totalAmount, yearToDateAmount, effectiveDate, null, null,
                null);
    }

    @Override
    public String subject() {
        return networkCode;
    }
}
