package uk.nhs.pcn.platform.time;

/**
 * The years a month or financial year given to the platform may fall in: 2000 (well before the first networks, in
 * 2019) to 2100. A month such as {@code 0000-01} or {@code -2024-01} is a mistake, refused with a 400 before it
 * reaches a calculation or the database.
 */
public final class PlausibleYears {

    public static final int FIRST = 2000;
    public static final int LAST = 2100;

    private PlausibleYears() {
    }

    public static boolean contains(int year) {
        return year >= FIRST && year <= LAST;
    }
}
