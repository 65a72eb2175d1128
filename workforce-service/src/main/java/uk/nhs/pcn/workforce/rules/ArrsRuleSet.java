package uk.nhs.pcn.workforce.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The ARRS rule set as shipped in {@code rules/arrs-rules.json}: roles with effective-dated maximum reimbursable
 * amounts (which may be explicitly unknown) and per-network caps. Plain values; no storage.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArrsRuleSet(String ruleSet, List<Role> roles, List<Cap> caps) {

    public static final String UNKNOWN = "unknown";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Role(String code, String name, LocalDate reimbursableFrom, boolean linkWorker, String note,
            List<Rate> maxPerWte) {

        /** The rate entry in force on the date (the latest starting on or before it), if any. */
        public Optional<Rate> rateOn(LocalDate date) {
            return maxPerWte.stream().filter(r -> !r.from().isAfter(date)).max(Comparator.comparing(Rate::from));
        }

        public boolean reimbursableOn(LocalDate date) {
            return !date.isBefore(reimbursableFrom);
        }
    }

    /** A maximum per WTE per year from a date. {@code national} is a number or {@value ArrsRuleSet#UNKNOWN}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rate(LocalDate from, String national, String london, String source) {

        public Optional<BigDecimal> nationalAmount() {
            return national == null || UNKNOWN.equalsIgnoreCase(national.strip()) ? Optional.empty()
                    : Optional.of(new BigDecimal(national.strip()));
        }
    }

    public enum CapUnit {
        HEADCOUNT, WTE
    }

    /** At most {@code limit} of the role per network (or {@code largeNetworkLimit} for large networks). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cap(String role, LocalDate from, LocalDate to, BigDecimal limit, CapUnit unit,
            BigDecimal largeNetworkLimit, Long largeNetworkThreshold, String note) {

        public boolean appliesOn(LocalDate date) {
            return !date.isBefore(from) && (to == null || !date.isAfter(to));
        }

        public BigDecimal limitFor(long registeredPopulation) {
            return largeNetworkLimit != null && largeNetworkThreshold != null
                    && registeredPopulation >= largeNetworkThreshold ? largeNetworkLimit : limit;
        }
    }

    public Optional<Role> role(String code) {
        return roles.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    public List<Cap> capsFor(String roleCode) {
        return caps.stream().filter(c -> c.role().equals(roleCode)).toList();
    }
}
