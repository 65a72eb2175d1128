package uk.nhs.pcn.funding.entitlement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import uk.nhs.pcn.funding.rules.Basis;

/**
 * What the calculation knows about one network for one financial year: when it was open, which practices were
 * members on which days, each member's populations as at the year's population date, and the care-home beds aligned
 * to it. Plain values, read from this service's read models.
 *
 * @param populations per practice code, the figures as at the year's population date; a practice without a figure
 *        is absent
 */
public record NetworkFacts(String networkCode, LocalDate openDate, LocalDate closeDate,
        List<Membership> memberships, Map<String, Populations> populations, List<CareHomeBeds> careHomeBeds) {

    public NetworkFacts {
        memberships = List.copyOf(memberships);
        populations = Map.copyOf(populations);
        careHomeBeds = careHomeBeds.stream().sorted(Comparator.comparing(CareHomeBeds::from)).toList();
    }

    /** A spell of core membership, both days inclusive; {@code end} null while it runs. */
    public record Membership(String practiceCode, LocalDate start, LocalDate end) {
    }

    /**
     * A practice's populations as at a date. Registered is always known; weighted and adjusted may not be.
     */
    public record Populations(LocalDate asAt, long registered, BigDecimal weighted, BigDecimal adjusted) {

        public Optional<BigDecimal> of(Basis basis) {
            return Optional.ofNullable(switch (basis) {
                case REGISTERED -> BigDecimal.valueOf(registered);
                case WEIGHTED -> weighted;
                case ADJUSTED -> adjusted;
                default -> null;
            });
        }

        /**
         * The figure to use for a population date: the latest recorded on or before it, and less than a year before
         * it (an older figure is not the population at that date: the line is then unavailable, not guessed).
         */
        public static Optional<Populations> at(LocalDate populationDate, List<Populations> recorded) {
            return recorded.stream()
                    .filter(p -> !p.asAt().isAfter(populationDate) && p.asAt().isAfter(populationDate.minusYears(1)))
                    .max(Comparator.comparing(Populations::asAt));
        }
    }

    /** Beds aligned to the network from a date until the next record's date. */
    public record CareHomeBeds(LocalDate from, int beds) {
    }
}
