package uk.nhs.pcn.funding.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import uk.nhs.pcn.platform.time.FinancialYear;

/**
 * The Network Contract DES rule set as shipped in {@code rules/des-rules.json}: per financial year, the components
 * with their rates (which may be explicitly unknown), and later revisions of rates with the date each was published
 * and the date it applies from. Plain values; no storage.
 */
public record DesRuleSet(String ruleSet, String maintainedBy, List<String> notes, List<YearRules> years) {

    public static final String UNKNOWN = "unknown";

    public DesRuleSet {
        notes = notes == null ? List.of() : List.copyOf(notes);
        years = years == null ? List.of() : List.copyOf(years);
    }

    public Optional<YearRules> year(FinancialYear year) {
        return years.stream().filter(y -> year.toString().equals(y.financialYear())).findFirst();
    }

    /** The rule set as the service knew it on a date: revisions published after it are left out. */
    public DesRuleSet asKnownOn(LocalDate date) {
        return new DesRuleSet(ruleSet, maintainedBy, notes, years.stream().map(y -> y.asKnownOn(date)).toList());
    }

    /** One financial year's rules. */
    public record YearRules(String financialYear, LocalDate populationDate, List<String> notes,
            List<Component> components, List<Revision> revisions) {

        public YearRules {
            notes = notes == null ? List.of() : List.copyOf(notes);
            components = components == null ? List.of() : List.copyOf(components);
            revisions = revisions == null ? List.of() : List.copyOf(revisions);
        }

        public FinancialYear year() {
            return FinancialYear.parse(financialYear);
        }

        public YearRules asKnownOn(LocalDate date) {
            return new YearRules(financialYear, populationDate, notes, components,
                    revisions.stream().filter(r -> !r.published().isAfter(date)).toList());
        }

        public Optional<Component> component(String code) {
            return components.stream().filter(c -> c.code().equals(code)).findFirst();
        }

        /** The days the term applies in this year: the year, narrowed by the component's and term's dates. */
        public Window window(Component component, Term term) {
            FinancialYear fy = year();
            LocalDate from = latest(fy.start(), component.appliesFrom(), term.appliesFrom());
            LocalDate to = earliest(fy.end(), component.appliesTo(), term.appliesTo());
            return new Window(from, to);
        }

        /**
         * The term's rate from day to day across the year, as the revisions known to this rule set make it: on each
         * day the figure comes from the latest-published revision that applies from that day or earlier, else from
         * the term itself.
         */
        public List<RatePeriod> ratePeriods(Component component, Term term) {
            Window window = window(component, term);
            if (window.to().isBefore(window.from())) {
                return List.of();
            }
            List<Revision> changing = revisions.stream()
                    .filter(r -> r.changes().stream().anyMatch(c -> c.changes(component, term))).toList();
            TreeSet<LocalDate> starts = new TreeSet<>();
            starts.add(window.from());
            changing.stream().map(Revision::appliesFrom).filter(d -> d.isAfter(window.from()) && !d.isAfter(window.to()))
                    .forEach(starts::add);
            List<RatePeriod> periods = new ArrayList<>();
            for (LocalDate start : starts) {
                LocalDate end = Optional.ofNullable(starts.higher(start)).map(d -> d.minusDays(1)).orElse(window.to());
                Optional<Revision> revision = changing.stream().filter(r -> !r.appliesFrom().isAfter(start))
                        .max(Comparator.comparing(Revision::published).thenComparing(Revision::appliesFrom));
                RatePeriod period = revision.map(r -> {
                    Change change = r.changes().stream().filter(c -> c.changes(component, term)).findFirst().orElseThrow();
                    return new RatePeriod(start, end, change.rate(), r, r.source(),
                            change.note() != null ? change.note() : term.note());
                }).orElseGet(() -> new RatePeriod(start, end, term.rate(), null, term.source(), term.note()));
                RatePeriod previous = periods.isEmpty() ? null : periods.get(periods.size() - 1);
                if (previous != null && Objects.equals(previous.revision(), period.revision())) {
                    periods.set(periods.size() - 1, new RatePeriod(previous.from(), end, previous.rate(),
                            previous.revision(), previous.source(), previous.note()));
                } else {
                    periods.add(period);
                }
            }
            return periods;
        }

        private static LocalDate latest(LocalDate... dates) {
            LocalDate latest = null;
            for (LocalDate d : dates) {
                if (d != null && (latest == null || d.isAfter(latest))) {
                    latest = d;
                }
            }
            return latest;
        }

        private static LocalDate earliest(LocalDate... dates) {
            LocalDate earliest = null;
            for (LocalDate d : dates) {
                if (d != null && (earliest == null || d.isBefore(earliest))) {
                    earliest = d;
                }
            }
            return earliest;
        }
    }

    /** A payment the DES makes: core PCN funding, enhanced access, the participation payment, ... */
    public record Component(String code, String name, Payee payee, Payment payment, LocalDate appliesFrom,
            LocalDate appliesTo, String note, List<Term> terms) {

        public Component {
            terms = terms == null ? List.of() : List.copyOf(terms);
        }
    }

    /**
     * One rate × basis of a component (core PCN funding 2024/25 has two: registered and adjusted). {@code rate} is a
     * number of pounds or {@value DesRuleSet#UNKNOWN}; {@code label} tells two terms with the same basis apart.
     */
    public record Term(Basis basis, String label, String rate, Per per, LocalDate appliesFrom, LocalDate appliesTo,
            String source, String note) {

        public boolean matches(Basis otherBasis, String otherLabel) {
            return basis == otherBasis && Objects.equals(label, otherLabel);
        }
    }

    /** A later change to rates: known from {@code published}, in force from {@code appliesFrom} (may be earlier). */
    public record Revision(String id, LocalDate published, LocalDate appliesFrom, String source, String note,
            List<Change> changes) {

        public Revision {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    /** A revision's new rate for one term of one component. */
    public record Change(String component, Basis basis, String label, String rate, String note) {

        boolean changes(Component c, Term t) {
            return component.equals(c.code()) && t.matches(basis, label);
        }
    }

    /** The days a term applies within the year, both inclusive. */
    public record Window(LocalDate from, LocalDate to) {

        /** Months the window touches: what a {@link Per#PERIOD} rate is divided by. */
        public long months() {
            return ChronoUnit.MONTHS.between(YearMonth.from(from), YearMonth.from(to)) + 1;
        }
    }

    /** A rate in force from one day to another (inclusive), from the term itself or from a revision. */
    public record RatePeriod(LocalDate from, LocalDate to, String rate, Revision revision, String source,
            String note) {

        /** The rate in pounds, or empty when it is {@value DesRuleSet#UNKNOWN}. */
        public Optional<BigDecimal> amount() {
            return parseRate(rate);
        }
    }

    /** A rate as written in the file: pounds, or empty for {@value #UNKNOWN}. */
    public static Optional<BigDecimal> parseRate(String rate) {
        if (rate == null || UNKNOWN.equals(rate.strip())) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(rate.strip()));
    }
}
