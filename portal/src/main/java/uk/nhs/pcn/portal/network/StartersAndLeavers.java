package uk.nhs.pcn.portal.network;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.portal.view.Format;
import uk.nhs.pcn.portal.view.Table;
import uk.nhs.pcn.portal.view.Table.Cell;

/**
 * Who started and who left in the financial year up to the chosen date, from the appointments' start dates and last
 * days in post: an appointment that starts or ends after the chosen date is not a starter or leaver yet, so a page
 * of an earlier date never shows later changes.
 */
public record StartersAndLeavers(LocalDate from, LocalDate to, List<Move> moves) {

    /** {@code started}: true for a start (its first day), false for a leaving (its last day in post). */
    public record Move(String staffReference, String roleCode, boolean started, LocalDate date) {
    }

    /**
     * @param appointments workforce-service's appointment lists (its {@code /staff?from=&to=}: those in post on any
     *        day of the period, or several lists); an appointment in several is counted once
     */
    public static StartersAndLeavers of(List<JsonNode> appointments, LocalDate yearStart, LocalDate asAt) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode list : appointments) {
            for (JsonNode a : list) {
                String id = a.path("id").asText(a.path("staffReference").asText() + "/" + a.path("roleCode").asText()
                        + "/" + a.path("startDate").asText());
                byId.putIfAbsent(id, a);
            }
        }
        List<Move> moves = new ArrayList<>();
        for (JsonNode a : byId.values()) {
            String start = Format.text(a.path("startDate"));
            String end = Format.text(a.path("endDate"));
            if (start != null && within(LocalDate.parse(start), yearStart, asAt)) {
                moves.add(new Move(a.path("staffReference").asText(), a.path("roleCode").asText(), true,
                        LocalDate.parse(start)));
            }
            if (end != null && within(LocalDate.parse(end), yearStart, asAt)) {
                moves.add(new Move(a.path("staffReference").asText(), a.path("roleCode").asText(), false,
                        LocalDate.parse(end)));
            }
        }
        moves.sort(Comparator.comparing(Move::date).thenComparing(m -> !m.started())
                .thenComparing(Move::staffReference));
        return new StartersAndLeavers(yearStart, asAt, List.copyOf(moves));
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    public long starters() {
        return moves.stream().filter(Move::started).count();
    }

    public long leavers() {
        return moves.stream().filter(m -> !m.started()).count();
    }

    /** @param roleNames role code to name (from the roles catalogue), where known */
    public Table table(Map<String, String> roleNames) {
        Table.Builder table = Table.builder("starters-leavers", "Starters and leavers from " + Format.date(from
                .toString()) + " to " + Format.date(to.toString())).column("Staff reference").column("Role")
                .column("Change").column("Date");
        for (Move m : moves) {
            table.row(Cell.text(m.staffReference()), Cell.text(roleNames.getOrDefault(m.roleCode(), m.roleCode())),
                    Cell.text(m.started() ? "Started" : "Left (last day in post)"),
                    new Cell(Format.date(m.date().toString()), m.date().toString(), null));
        }
        return table.build();
    }
}
