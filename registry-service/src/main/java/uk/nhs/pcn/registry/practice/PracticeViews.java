package uk.nhs.pcn.registry.practice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.nhs.pcn.registry.membership.Membership;

/** What the API answers about practices. */
public final class PracticeViews {

    private PracticeViews() {
    }

    /** {@code source}: where the registered count came from; {@code weightedPopulationSource}: the weighted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ListSize")
    public record ListSizeView(LocalDate asAt, int registeredPatients, BigDecimal weightedPopulation,
            BigDecimal adjustedPopulation, String source, String weightedPopulationSource) {
        public static ListSizeView of(ListSize s) {
            return new ListSizeView(s.asAt, s.registeredPatients, s.weightedPopulation, s.adjustedPopulation,
                    s.source, s.weightedSource);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpellView(String networkCode, LocalDate from, LocalDate to) {
        public static SpellView of(Membership m) {
            return new SpellView(m.networkCode, m.startDate, m.endDate);
        }
    }

    /** A practice as at a date: its network that day and its latest list size on or before it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PracticeView(String code, String name, String postcode, String commissionerCode, LocalDate asAt,
            String networkCode, ListSizeView listSize) {
    }

    public record MembershipHistory(String practiceCode, List<SpellView> spells) {
    }

    public record Unaffiliated(String code, String name, String commissionerCode) {
    }
}
