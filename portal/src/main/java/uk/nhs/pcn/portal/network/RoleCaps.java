package uk.nhs.pcn.portal.network;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.portal.view.Format;
import uk.nhs.pcn.portal.view.Table;
import uk.nhs.pcn.portal.view.Table.Cell;

/**
 * Staff in post by role against the network caps in force on the chosen date (workforce-service's
 * {@code /arrs/roles} and {@code /networks/{code}/workforce}). A cap counts heads or WTE, per the rule set; a cap with
 * a large-network limit takes it when the network's registered population at 1 January before the year (as
 * workforce-service takes it: the members then and their latest list sizes) reaches the threshold. Each cap in the
 * rule set names one role; DOMAIN.md names no cap shared by a group of roles.
 */
public record RoleCaps(List<Row> rows, List<String> warnings) {

    /** A role in post: its figures, the caps in force (as words), and whether it is over one of them. */
    public record Row(String roleCode, String roleName, long headcount, BigDecimal wte, String caps, boolean over) {
    }

    /** A cap in force on the day, as the rule set gives it. */
    record Cap(BigDecimal limit, String unit, BigDecimal largeLimit, Long threshold, String note) {

        boolean countsWte() {
            return "WTE".equalsIgnoreCase(unit);
        }

        String words(BigDecimal limit) {
            return limit.stripTrailingZeros().toPlainString() + (countsWte() ? " WTE" : " in post (headcount)");
        }
    }

    /**
     * @param roles the roles catalogue of the financial year, or null when workforce-service did not give it
     * @param summary headcount and WTE by role on the chosen date
     * @param registeredAtPopulationDate the network's registered population at 1 January before the year, or null
     *        when not known
     */
    public static RoleCaps of(JsonNode roles, JsonNode summary, LocalDate asAt, Long registeredAtPopulationDate,
            LocalDate populationDate) {
        Map<String, List<Cap>> caps = new LinkedHashMap<>();
        if (roles != null) {
            for (JsonNode role : roles.path("roles")) {
                for (JsonNode cap : role.path("caps")) {
                    String from = Format.text(cap.path("from"));
                    String to = Format.text(cap.path("to"));
                    boolean inForce = (from == null || !LocalDate.parse(from).isAfter(asAt))
                            && (to == null || !LocalDate.parse(to).isBefore(asAt));
                    if (inForce) {
                        caps.computeIfAbsent(role.path("code").asText(), k -> new ArrayList<>()).add(new Cap(
                                new BigDecimal(cap.path("limit").asText()), cap.path("unit").asText(""),
                                cap.hasNonNull("largeNetworkLimit") ? new BigDecimal(cap.path("largeNetworkLimit")
                                        .asText()) : null,
                                cap.hasNonNull("largeNetworkThreshold") ? cap.path("largeNetworkThreshold").asLong()
                                        : null,
                                Format.text(cap.path("note"))));
                    }
                }
            }
        }
        String jan = Format.date(populationDate.toString());
        List<Row> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (JsonNode r : summary.path("roles")) {
            String code = r.path("roleCode").asText();
            String name = r.path("roleName").asText(code);
            long headcount = r.path("headcount").asLong();
            BigDecimal wte = Format.number(r.path("wte"));
            List<String> words = new ArrayList<>();
            boolean over = false;
            for (Cap cap : caps.getOrDefault(code, List.of())) {
                BigDecimal used = cap.countsWte() ? (wte == null ? BigDecimal.ZERO : wte) : BigDecimal.valueOf(
                        headcount);
                String usedWords = cap.countsWte() ? Format.decimal(used, 2) + " WTE"
                        : Format.count(headcount) + " in post";
                BigDecimal limit = cap.limit();
                String limitWords = cap.words(limit);
                if (cap.largeLimit() != null && cap.threshold() != null) {
                    if (registeredAtPopulationDate != null) {
                        boolean large = registeredAtPopulationDate >= cap.threshold();
                        limit = large ? cap.largeLimit() : cap.limit();
                        limitWords = cap.words(limit) + " (registered population " + Format.count(
                                registeredAtPopulationDate) + " at " + jan + (large ? ", at least " : ", under ")
                                + Format.count(cap.threshold()) + ")";
                    } else {
                        limitWords = cap.words(cap.limit()) + ", or " + cap.words(cap.largeLimit())
                                + " for a registered population of at least " + Format.count(cap.threshold())
                                + " at " + jan + " (not known for this network)";
                    }
                }
                if (used.compareTo(limit) > 0) {
                    boolean certain = cap.largeLimit() == null || cap.threshold() == null
                            || registeredAtPopulationDate != null || used.compareTo(cap.largeLimit()) > 0;
                    over |= certain;
                    words.add(limitWords + (certain ? ": over the cap" : ": may be over the cap"));
                    warnings.add(name + ": " + usedWords + " against a network cap of " + limitWords + ". "
                            + (certain ? "Over the cap" : "Over the cap unless the network is large")
                            + (cap.note() == null ? "." : ". " + cap.note()));
                } else {
                    words.add(limitWords);
                }
            }
            rows.add(new Row(code, name, headcount, wte, words.isEmpty() ? (roles == null ? "Not known" : "No cap")
                    : String.join("; ", words), over));
        }
        return new RoleCaps(List.copyOf(rows), List.copyOf(warnings));
    }

    /** The staff-by-role table; a role over its cap is marked and says so in its cap cell. */
    public Table table(JsonNode summary, LocalDate asAt) {
        Table.Builder table = Table.builder("roles", "Staff by role as at " + Format.date(asAt.toString())
                + ", against the network caps").column("Role").numeric("Headcount").numeric("WTE")
                .column("Network cap");
        for (Row r : rows) {
            table.markedRow(r.over() ? "over-cap" : null, Cell.text(r.roleName()),
                    Cell.number(BigDecimal.valueOf(r.headcount()), Format.count(r.headcount())),
                    Cell.number(r.wte(), Format.decimal(r.wte(), 2)), Cell.text(r.caps()));
        }
        table.footer(Cell.text("All roles"), Cell.number(Format.number(summary.path("headcount")), Format.count(
                summary.path("headcount").asLong())), Cell.number(Format.number(summary.path("wte")),
                        Format.decimal(Format.number(summary.path("wte")), 2)), Cell.text(""));
        return table.build();
    }
}
