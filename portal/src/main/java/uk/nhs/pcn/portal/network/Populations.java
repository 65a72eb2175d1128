package uk.nhs.pcn.portal.network;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.portal.view.Format;
import uk.nhs.pcn.portal.view.Table.Cell;

/**
 * The populations the Network Contract DES uses: each member practice's registered, weighted and adjusted
 * populations as at 1 January before the financial year (the population date). The figure for a practice is the
 * latest list size recorded on or before that day and less than a year before it, as funding-service takes it; an
 * older figure, or none, is not the population at that date, and the page says so rather than guess.
 *
 * <p>The members are those of the chosen "as at" date; their figures come from the registry's network as at the
 * population date (for practices that were members then) or from the practice's own list sizes (for practices that
 * joined since).
 */
public record Populations(LocalDate populationDate, List<Member> members) {

    /**
     * One member's figures at the population date; {@code figure} empty when none was recorded in the year to it,
     * and then {@code missing} says why.
     */
    public record Member(String practiceCode, String practiceName, LocalDate from, Optional<Figure> figure,
            String missing) {
    }

    /** A list size as recorded: registered always, weighted and adjusted when the registry holds them. */
    public record Figure(LocalDate asAt, long registered, BigDecimal weighted, BigDecimal adjusted) {
    }

    /** 1 January before the financial year of {@code asAt}: for any day of 2026/27, 1 January 2026. */
    public static LocalDate populationDate(LocalDate asAt) {
        return LocalDate.of(FinancialYears.startYear(asAt), 1, 1);
    }

    /**
     * @param network the registry's network as at the chosen date (its members)
     * @param atPopulationDate the registry's network as at the population date, or null when not available
     * @param listSizes per practice that joined after the population date, its list sizes (the registry's
     *        {@code /practices/{code}/list-sizes}); a practice absent here and from {@code atPopulationDate} has no
     *        figure
     */
    public static Populations of(JsonNode network, JsonNode atPopulationDate, Map<String, JsonNode> listSizes,
            LocalDate populationDate) {
        return of(network, atPopulationDate, listSizes, populationDate, null);
    }

    /** @param unavailable why the registry gave no figures for the population date (it did not answer), or null */
    public static Populations of(JsonNode network, JsonNode atPopulationDate, Map<String, JsonNode> listSizes,
            LocalDate populationDate, String unavailable) {
        Map<String, JsonNode> then = new LinkedHashMap<>();
        if (atPopulationDate != null) {
            atPopulationDate.path("members").forEach(m -> then.put(m.path("practiceCode").asText(), m.path(
                    "listSize")));
        }
        List<Member> members = new ArrayList<>();
        for (JsonNode m : network.path("members")) {
            String code = m.path("practiceCode").asText();
            List<Figure> recorded = new ArrayList<>();
            if (then.containsKey(code)) {
                figure(then.get(code)).ifPresent(recorded::add);
            }
            JsonNode sizes = listSizes.get(code);
            if (sizes != null) {
                sizes.forEach(s -> figure(s).ifPresent(recorded::add));
            }
            Optional<Figure> at = recorded.stream()
                    .filter(f -> !f.asAt().isAfter(populationDate) && f.asAt().isAfter(populationDate.minusYears(1)))
                    .max(Comparator.comparing(Figure::asAt));
            LocalDate latestBefore = recorded.stream().map(Figure::asAt).filter(d -> !d.isAfter(populationDate))
                    .max(Comparator.naturalOrder()).orElse(null);
            String fromText = Format.text(m.path("from"));
            String missing = at.isPresent() ? null
                    : unavailable != null && !listSizes.containsKey(code) ? unavailable
                            : "no list size recorded in the year to " + Format.date(populationDate.toString())
                                    + (latestBefore == null ? "" : " (the latest before it is of "
                                            + Format.date(latestBefore.toString()) + ")");
            members.add(new Member(code, m.path("practiceName").asText(code), fromText == null ? null
                    : LocalDate.parse(fromText), at, missing));
        }
        return new Populations(populationDate, List.copyOf(members));
    }

    /** The members as at the chosen date who were not members at the population date: their list sizes are needed. */
    public static List<String> joinedSince(JsonNode network, JsonNode atPopulationDate) {
        List<String> before = atPopulationDate == null ? List.of()
                : StreamSupport.stream(atPopulationDate.path("members").spliterator(), false)
                        .map(m -> m.path("practiceCode").asText()).toList();
        return StreamSupport.stream(network.path("members").spliterator(), false)
                .map(m -> m.path("practiceCode").asText()).filter(c -> !before.contains(c)).toList();
    }

    private static Optional<Figure> figure(JsonNode size) {
        if (size == null || size.isMissingNode() || size.isNull() || !size.hasNonNull("asAt")) {
            return Optional.empty();
        }
        return Optional.of(new Figure(LocalDate.parse(size.path("asAt").asText()),
                size.path("registeredPatients").asLong(), Format.number(size.path("weightedPopulation")),
                Format.number(size.path("adjustedPopulation"))));
    }

    /** The members without a figure at the population date. */
    public List<Member> withoutFigure() {
        return members.stream().filter(m -> m.figure().isEmpty()).toList();
    }

    /** The network's registered population at the population date, or empty when a member's figure is missing. */
    public Optional<Long> registered() {
        if (members.isEmpty() || !withoutFigure().isEmpty()) {
            return members.isEmpty() ? Optional.of(0L) : Optional.empty();
        }
        return Optional.of(members.stream().mapToLong(m -> m.figure().get().registered()).sum());
    }

    /** The network's weighted population, or empty when any member lacks it at the population date. */
    public Optional<BigDecimal> weighted() {
        return sum(Figure::weighted);
    }

    /** The network's adjusted population, or empty when any member lacks it at the population date. */
    public Optional<BigDecimal> adjusted() {
        return sum(Figure::adjusted);
    }

    private Optional<BigDecimal> sum(java.util.function.Function<Figure, BigDecimal> measure) {
        BigDecimal total = BigDecimal.ZERO;
        for (Member m : members) {
            BigDecimal v = m.figure().map(measure).orElse(null);
            if (v == null) {
                return Optional.empty();
            }
            total = total.add(v);
        }
        return Optional.of(total);
    }

    /** The members lacking a weighted (or adjusted) figure, for saying which. */
    public List<String> lacking(java.util.function.Function<Figure, BigDecimal> measure) {
        return members.stream().filter(m -> m.figure().map(measure).isEmpty()).map(Member::practiceCode).toList();
    }

    // --- How the page shows them ---------------------------------------------------------------------------------

    /** "1 January 2026" */
    public String dateText() {
        return Format.date(populationDate.toString());
    }

    /**
     * The member practices as at the chosen date, each with its populations at the population date and its share
     * of the network's registered population then, and the latest list size held on the chosen date.
     *
     * @param latest the registry's network as at the chosen date (each member's latest list size on or before it)
     */
    public uk.nhs.pcn.portal.view.Table membersTable(JsonNode latest, LocalDate asAt, String financialYear) {
        String jan = dateText();
        Optional<Long> total = registered();
        var table = uk.nhs.pcn.portal.view.Table.builder("members", "Member practices as at "
                + Format.date(asAt.toString()) + ", with their populations at " + jan + " (the population date of "
                + financialYear + ")")
                .column("Practice").column("ODS code").column("Member from")
                .numeric("Registered patients at " + jan).numeric("Weighted population at " + jan)
                .numeric("Adjusted population at " + jan).numeric("Share of registered at " + jan)
                .numeric("Latest list size as at " + Format.date(asAt.toString()));
        Map<String, JsonNode> sizes = new LinkedHashMap<>();
        latest.path("members").forEach(m -> sizes.put(m.path("practiceCode").asText(), m.path("listSize")));
        for (Member m : members) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(m.practiceName()));
            row.add(Cell.text(m.practiceCode()));
            row.add(new Cell(m.from() == null ? "" : Format.date(m.from().toString()), m.from() == null ? ""
                    : m.from().toString(), null));
            if (m.figure().isPresent()) {
                Figure f = m.figure().get();
                row.add(Cell.number(BigDecimal.valueOf(f.registered()), Format.count(f.registered())));
                row.add(f.weighted() == null ? Cell.text("Not recorded") : Cell.number(f.weighted(),
                        Format.decimal(f.weighted(), 0)));
                row.add(f.adjusted() == null ? Cell.text("Not recorded") : Cell.number(f.adjusted(),
                        Format.decimal(f.adjusted(), 0)));
                row.add(total.filter(t -> t > 0).map(t -> {
                    BigDecimal share = share(f.registered(), t);
                    return Cell.number(share, share.toPlainString() + "%");
                }).orElse(Cell.text("Not available")));
            } else {
                row.add(Cell.text("Not available: " + m.missing()));
                row.add(Cell.text("Not available"));
                row.add(Cell.text("Not available"));
                row.add(Cell.text("Not available"));
            }
            JsonNode size = sizes.get(m.practiceCode());
            if (size == null || size.isMissingNode() || size.isNull()) {
                row.add(Cell.text("No list size"));
            } else {
                long patients = size.path("registeredPatients").asLong();
                row.add(Cell.number(BigDecimal.valueOf(patients), Format.count(patients) + " (of "
                        + Format.date(Format.text(size.path("asAt"))) + ")"));
            }
            table.row(row.toArray(Cell[]::new));
        }
        long latestTotal = latest.path("population").path("registeredPatients").asLong();
        table.footer(Cell.text("Network"), Cell.text(latest.path("code").asText()), Cell.text(""),
                total.map(t -> Cell.number(BigDecimal.valueOf(t), Format.count(t))).orElse(Cell.text(
                        "Not available")),
                weighted().map(w -> Cell.number(w, Format.decimal(w, 0))).orElse(Cell.text("Not available")),
                adjusted().map(a -> Cell.number(a, Format.decimal(a, 0))).orElse(Cell.text("Not available")),
                Cell.text(total.isPresent() ? "100%" : ""),
                Cell.number(BigDecimal.valueOf(latestTotal), Format.count(latestTotal)));
        return table.build();
    }

    /** Each member's registered patients at the population date as bars, or null when no member has a figure. */
    public uk.nhs.pcn.portal.view.BarChart sharesChart(String guidance) {
        Optional<Long> total = registered();
        List<uk.nhs.pcn.portal.view.BarChart.Row> bars = new ArrayList<>();
        for (Member m : members) {
            m.figure().ifPresent(f -> bars.add(new uk.nhs.pcn.portal.view.BarChart.Row(m.practiceName(),
                    Format.count(f.registered()) + total.filter(t -> t > 0).map(t -> " (" + share(f.registered(), t)
                            .toPlainString() + "%)").orElse(""), List.of(BigDecimal.valueOf(f.registered())))));
        }
        if (bars.isEmpty()) {
            return null;
        }
        List<Member> missing = withoutFigure();
        String summary = total.map(t -> members.size() + " member practices, " + Format.count(t)
                + " registered patients at " + dateText() + " in all. ")
                .orElse(bars.size() + " of " + members.size() + " member practices have a list size at " + dateText()
                        + "; " + missing.stream().map(Member::practiceName).reduce((a, b) -> a + ", " + b).orElse("")
                        + " not (no total is given). ")
                + guidance + ". The table below gives the same figures.";
        return uk.nhs.pcn.portal.view.BarChart.of("shares", "Each practice's registered patients at " + dateText(),
                summary, bars, List.of(), null, null);
    }

    private static BigDecimal share(long part, long total) {
        return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(total), 1, java.math.RoundingMode.HALF_UP);
    }
}
