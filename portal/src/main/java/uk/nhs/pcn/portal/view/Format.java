package uk.nhs.pcn.portal.view;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/** How figures read on the page: 12,345 people, £1,234.56, 1.50 WTE, 1 January 2026. */
public final class Format {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

    private Format() {
    }

    public static String count(long n) {
        return String.format(Locale.UK, "%,d", n);
    }

    public static String decimal(BigDecimal n, int places) {
        if (n == null) {
            return "";
        }
        DecimalFormat f = new DecimalFormat(places == 0 ? "#,##0" : "#,##0." + "0".repeat(places),
                DecimalFormatSymbols.getInstance(Locale.UK));
        return f.format(n.setScale(places, RoundingMode.HALF_UP));
    }

    public static String money(BigDecimal n) {
        if (n == null) {
            return "";
        }
        String text = decimal(n.abs(), 2);
        return (n.signum() < 0 ? "−£" : "£") + text;
    }

    public static String date(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return LocalDate.parse(iso.length() > 10 ? iso.substring(0, 10) : iso).format(DATE);
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    public static String month(String isoMonth) {
        try {
            return YearMonth.parse(isoMonth).format(MONTH);
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            return isoMonth == null ? "" : isoMonth;
        }
    }

    public static BigDecimal number(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.decimalValue();
    }

    public static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
