package uk.nhs.pcn.registry.membership;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads of membership spells. */
@ApplicationScoped
public class MembershipQueries {

    /** The network the practice belonged to on the date, if any. */
    public Optional<String> networkOf(String practiceCode, LocalDate date) {
        return Membership.<Membership>find(
                "practiceCode = ?1 and startDate <= ?2 and (endDate is null or endDate >= ?2)", practiceCode, date)
                .firstResultOptional().map(m -> m.networkCode);
    }

    /** Every spell of the practice, oldest first. */
    public List<Membership> history(String practiceCode) {
        return Membership.list("practiceCode = ?1 order by startDate", practiceCode);
    }

    /** Spells of the network's members on the date. */
    public List<Membership> membersOn(String networkCode, LocalDate date) {
        return Membership.list(
                "networkCode = ?1 and startDate <= ?2 and (endDate is null or endDate >= ?2) order by practiceCode",
                networkCode, date);
    }
}
