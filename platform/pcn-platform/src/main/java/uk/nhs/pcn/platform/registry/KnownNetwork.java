package uk.nhs.pcn.platform.registry;

import java.time.LocalDate;

/**
 * A network as the registry published it. Its open and close dates are both days it is open; {@code closeDate} is
 * null while it has not closed.
 */
public record KnownNetwork(String code, String name, String commissionerCode, LocalDate openDate,
        LocalDate closeDate) {

    /** Whether the network is open on the day (its open date and its close date included). */
    public boolean isOpenOn(LocalDate date) {
        return !date.isBefore(openDate) && (closeDate == null || !date.isAfter(closeDate));
    }
}
