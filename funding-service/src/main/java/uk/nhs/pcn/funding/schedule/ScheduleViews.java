package uk.nhs.pcn.funding.schedule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.nhs.pcn.funding.entitlement.AnnualComponent;
import uk.nhs.pcn.funding.entitlement.BudgetLine;
import uk.nhs.pcn.funding.entitlement.EntitlementLine;

/** What the payments API answers. Amounts are pounds to the penny. */
public final class ScheduleViews {

    /** How every line is calculated, for the reader of a schedule. */
    public static final String CALCULATION = "Populations are those at 1 January before the financial year (the "
            + "latest figure recorded on or before that day, and less than a year before it). A month's amount for a "
            + "population-based component = the rate × the population of each practice that is a member on each day "
            + "÷ 12 for a yearly rate × its days of membership in the month ÷ the days in the month, summed over the "
            + "practices and rounded to the penny once per line. The care-home premium counts the beds aligned to the "
            + "network on each day the same way. The participation payment is a line per member practice, paid to the "
            + "practice. A line whose rate is unknown or whose population is missing is unavailable, with the reason; "
            + "it is never guessed, and the totals say they are incomplete. A confirmed month never changes: a later "
            + "change that affects it is an adjustment line in the first month not yet confirmed, naming the month "
            + "and line it corrects and the event that caused it.";

    private ScheduleViews() {
    }

    /**
     * A network's payment schedule for a financial year: twelve months, each confirmed (as it stood) or calculated
     * now, with its lines and the adjustment lines paid in it.
     *
     * @param total the year's months added up: lines and adjustments paid in them
     * @param entitlementTotal the year's entitlement as calculated now, whatever months it has been paid in
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentSchedule(String networkCode, String networkName, String commissionerCode,
            String financialYear, LocalDate populationDate, String ruleSetLocation, List<String> revisionsApplied,
            String calculation, List<MonthView> months, BigDecimal total, boolean incomplete, long unavailableLines,
            BigDecimal entitlementTotal, List<BudgetLine> budget, List<AnnualComponent> paidAfterTheYear,
            List<String> notes) {
    }

    /** @param status {@code confirmed} (never changes) or {@code calculated} (recalculated with every change) */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MonthView(YearMonth month, String status, OffsetDateTime confirmedAt, String confirmedBy,
            List<EntitlementLine> lines, List<Adjustment> adjustments, BigDecimal linesTotal,
            BigDecimal adjustmentsTotal, BigDecimal total, boolean incomplete) {
    }

    /** The split view: each month's network amounts divided among the member practices. */
    public record PracticeSplitView(String networkCode, String financialYear, String method,
            List<PracticeSplit> months, List<PracticeYear> practices, List<Adjustment> adjustmentsNotSplit) {
    }

    /** A practice's share of the year. */
    public record PracticeYear(String practiceCode, BigDecimal total) {
    }

    /**
     * Every network's entitlement for a year (or a commissioner's networks), with totals by component;
     * {@code commissioner} is left out of the national view.
     */
    public record Entitlements(String financialYear, @JsonInclude(JsonInclude.Include.NON_NULL) String commissioner, int networks, BigDecimal total,
            boolean incomplete, List<ComponentTotal> components, List<NetworkEntitlement> entitlements) {
    }

    /** @param networksIncomplete networks with at least one unavailable line of this component */
    public record ComponentTotal(String component, String componentName, BigDecimal amount, long unavailableLines,
            long networksIncomplete) {
    }

    public record NetworkEntitlement(String networkCode, String networkName, String commissionerCode,
            BigDecimal total, boolean incomplete, long unavailableLines) {
    }
}
