package uk.nhs.pcn.referral.person;

import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.Optional;

import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * The age band a person is counted in on a date (the referral date, for referral events and reports): coarse
 * enough that it does not identify anyone. Age is in completed years, so a band changes on the birthday itself; a
 * person born on 29 February has their birthday on 1 March in other years.
 */
public enum AgeBand {
    UNDER_18("0-17", 0, 17),
    FROM_18_TO_24("18-24", 18, 24),
    FROM_25_TO_34("25-34", 25, 34),
    FROM_35_TO_44("35-44", 35, 44),
    FROM_45_TO_54("45-54", 45, 54),
    FROM_55_TO_64("55-64", 55, 64),
    FROM_65_TO_74("65-74", 65, 74),
    FROM_75_TO_84("75-84", 75, 84),
    FROM_85("85+", 85, Integer.MAX_VALUE);

    private final String code;
    private final int from;
    private final int to;

    AgeBand(String code, int from, int to) {
        this.code = code;
        this.from = from;
        this.to = to;
    }

    /**
     * The band of someone born on {@code dateOfBirth}, on {@code date}.
     *
     * @throws ProblemException 400 on field {@code dateOfBirth}, rule {@code date-of-birth-after-date}, if the
     *         person was not yet born on that date
     */
    public static AgeBand on(LocalDate dateOfBirth, LocalDate date) {
        if (dateOfBirth.isAfter(date)) {
            throw ProblemException.invalid("dateOfBirth", "date-of-birth-after-date",
                    "The date of birth is after the date the age is needed for");
        }
        int age = Period.between(dateOfBirth, date).getYears();
        for (AgeBand band : values()) {
            if (age >= band.from && age <= band.to) {
                return band;
            }
        }
        throw new IllegalStateException("no band for age " + age);
    }

    /** The band for a code such as {@code 25-34}, if there is one. */
    public static Optional<AgeBand> ofCode(String code) {
        return Arrays.stream(values()).filter(b -> b.code.equals(code)).findFirst();
    }

    /** As written in events and reports: {@code 0-17}, {@code 18-24}, ..., {@code 85+}. */
    public String code() {
        return code;
    }
}
