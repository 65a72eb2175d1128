package uk.nhs.pcn.funding.entitlement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Formatting of pounds and populations for the explanations people read. */
public final class Money {

    // DecimalFormat is costly to make and not thread-safe: one of each per thread (a national calculation formats
    // millions of figures).
    private static final ThreadLocal<DecimalFormat> POUNDS = ThreadLocal.withInitial(
            () -> new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.UK)));
    private static final ThreadLocal<DecimalFormat> QUANTITY = ThreadLocal.withInitial(
            () -> new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.UK)));

    private Money() {
    }

    /** £1,234.57 (negative as -£1,234.57). */
    public static String pounds(BigDecimal amount) {
        String text = POUNDS.get().format(amount.setScale(2, RoundingMode.HALF_UP).abs());
        return (amount.signum() < 0 ? "-£" : "£") + text;
    }

    /** A rate as written in the rule set, with a pound sign: £1.50, £0.147. */
    public static String rate(String rate) {
        return "£" + rate;
    }

    /** 12,345 or 12,345.6 (as many decimals as the figure has). */
    public static String quantity(BigDecimal quantity) {
        return QUANTITY.get().format(quantity);
    }
}
