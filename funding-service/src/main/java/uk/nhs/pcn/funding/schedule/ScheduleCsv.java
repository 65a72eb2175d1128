package uk.nhs.pcn.funding.schedule;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import uk.nhs.pcn.funding.entitlement.EntitlementLine;
import uk.nhs.pcn.funding.schedule.ScheduleViews.MonthView;

/**
 * The payments API as CSV for finance systems: one row per line and per adjustment line (RFC 4180, a header row,
 * amounts in pounds with two decimals, empty where unavailable).
 */
public final class ScheduleCsv {

    public static final String MEDIA_TYPE = "text/csv";

    static final List<String> SCHEDULE_COLUMNS = List.of("network_code", "financial_year", "month", "status", "kind",
            "component", "component_name", "basis", "label", "payee", "practice_code", "quantity", "rate", "per",
            "rule_set_year", "revision", "days", "days_in_month", "amount", "unavailable_reason", "corrects_month",
            "paid_before", "causes", "explanation");

    private ScheduleCsv() {
    }

    public static String schedule(ScheduleViews.PaymentSchedule schedule) {
        return write(SCHEDULE_COLUMNS, printer -> {
            for (MonthView month : schedule.months()) {
                for (EntitlementLine l : month.lines()) {
                    printer.printRecord(schedule.networkCode(), schedule.financialYear(), month.month(), month.status(),
                            "line", l.component(), l.componentName(), l.basis().code(), l.label(), l.payee().code(),
                            l.practiceCode(), plain(l.quantity()), l.rate(), l.per().code(), l.ruleSetYear(),
                            l.revision(), l.days(), l.daysInMonth(), plain(l.amount()), l.unavailableReason(), null,
                            null, null, l.explanation());
                }
                for (Adjustment a : month.adjustments()) {
                    printer.printRecord(schedule.networkCode(), schedule.financialYear(), month.month(), month.status(),
                            "adjustment", a.component(), a.componentName(), a.basis().code(), null, null,
                            a.practiceCode(), null, null, null, a.ruleSetYear(), a.revision(), null, null,
                            plain(a.amount()), a.available() ? null : a.reason(), a.correctsMonth(),
                            plain(a.paidBefore()), String.join(" ", a.causes()), a.reason());
                }
            }
        });
    }

    public static String split(ScheduleViews.PracticeSplitView view) {
        return write(List.of("network_code", "financial_year", "month", "practice_code", "component", "basis",
                "split_by", "amount"), printer -> {
                    for (PracticeSplit month : view.months()) {
                        for (PracticeSplit.PracticeShare practice : month.practices()) {
                            for (PracticeSplit.ShareLine line : practice.lines()) {
                                printer.printRecord(view.networkCode(), view.financialYear(), month.month(),
                                        practice.practiceCode(), line.component(), line.basis().code(), line.splitBy(),
                                        plain(line.amount()));
                            }
                        }
                    }
                });
    }

    public static String entitlements(ScheduleViews.Entitlements view) {
        return write(List.of("financial_year", "network_code", "network_name", "commissioner_code", "total",
                "incomplete", "unavailable_lines"), printer -> {
                    for (ScheduleViews.NetworkEntitlement e : view.entitlements()) {
                        printer.printRecord(view.financialYear(), e.networkCode(), e.networkName(),
                                e.commissionerCode(), plain(e.total()), e.incomplete(), e.unavailableLines());
                    }
                });
    }

    interface Rows {
        void print(CSVPrinter printer) throws IOException;
    }

    private static String write(List<String> header, Rows rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(header.toArray(String[]::new)).build())) {
            rows.print(printer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
