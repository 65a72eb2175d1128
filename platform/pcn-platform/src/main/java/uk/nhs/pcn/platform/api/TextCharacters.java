package uk.nhs.pcn.platform.api;

import java.util.Locale;

import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * Which characters a text value may hold: any character PostgreSQL can store and a person can have typed. Refused,
 * wherever text comes in (JSON bodies, query parameters, imported cells):
 * <ul>
 * <li>NUL (U+0000): PostgreSQL text cannot hold it;</li>
 * <li>a lone UTF-16 surrogate (e.g. a JSON {@code "\ud800"}): not a character at all; it would be stored as '?';</li>
 * <li>the other control characters (U+0001–U+001F, U+007F–U+009F), except tab, line feed and carriage return,
 * which a note may well hold: they are invisible, break CSV exports and logs, and are never meant.</li>
 * </ul>
 * The rule is named {@value #RULE} in a problem's errors. Messages name the character and its position, never the
 * text itself (a note may hold a person's details).
 */
public final class TextCharacters {

    public static final String RULE = "text-characters";

    private TextCharacters() {
    }

    /** @return the index of the first refused character, or -1 when the text may be stored as it is */
    public static int firstRefused(CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a well-formed pair: a character outside the Basic Multilingual Plane, e.g. an emoji
            } else if (Character.isSurrogate(c) || isRefusedControl(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the text may be stored as it is. */
    public static boolean allowed(CharSequence text) {
        return firstRefused(text) < 0;
    }

    /**
     * What is wrong, for a message: e.g. {@code "a NUL character (U+0000) at character 6"}.
     *
     * @param index as returned by {@link #firstRefused}
     */
    public static String describe(CharSequence text, int index) {
        char c = text.charAt(index);
        String code = String.format(Locale.ROOT, "U+%04X", (int) c);
        String what = c == 0 ? "a NUL character (" + code + ")"
                : Character.isSurrogate(c) ? "an unpaired surrogate (" + code + "), which is not a character"
                        : "a control character (" + code + ")";
        return what + " at character " + (index + 1);
    }

    /**
     * The message a problem gives for a field or parameter holding a refused character.
     *
     * @param refused as given by {@link #describe}
     */
    public static String message(String field, String refused) {
        return "'" + field + "' contains " + refused + ", which cannot be stored; remove it (tab, line feed and "
                + "carriage return are the only control characters accepted)";
    }

    /**
     * @return the value, when it may be stored
     * @throws ProblemException (400) naming the field and the rule {@value #RULE} otherwise
     */
    public static String require(String field, String value) {
        int index = firstRefused(value);
        if (index >= 0) {
            throw ProblemException.invalid(field, RULE, message(field, describe(value, index)));
        }
        return value;
    }

    private static boolean isRefusedControl(char c) {
        return Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r';
    }
}
