package uk.nhs.pcn.platform.ods;

import java.util.regex.Pattern;

/** Formats of the Organisation Data Service codes the platform uses (see shared DOMAIN.md). */
public final class OdsCodes {

    /** PCN (ODS role RO272): U + 5 digits, e.g. U45102. */
    public static final String NETWORK = "^U[0-9]{5}$";
    /** GP practice (prescribing cost centre, role RO76): a letter + 5 digits, e.g. A83005. */
    public static final String PRACTICE = "^[A-Z][0-9]{5}$";
    /** Sub-ICB location, formerly CCG: 3 characters, e.g. 00C, 99A, 15N. */
    public static final String COMMISSIONER = "^[0-9A-Z]{3}$";
    /** A UK postcode, loosely: outward code, space, inward code. */
    public static final String POSTCODE = "^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$";

    private static final Pattern NETWORK_PATTERN = Pattern.compile(NETWORK);
    private static final Pattern PRACTICE_PATTERN = Pattern.compile(PRACTICE);
    private static final Pattern COMMISSIONER_PATTERN = Pattern.compile(COMMISSIONER);

    private OdsCodes() {
    }

    public static boolean isNetwork(String code) {
        return code != null && NETWORK_PATTERN.matcher(code).matches();
    }

    public static boolean isPractice(String code) {
        return code != null && PRACTICE_PATTERN.matcher(code).matches();
    }

    public static boolean isCommissioner(String code) {
        return code != null && COMMISSIONER_PATTERN.matcher(code).matches();
    }
}
