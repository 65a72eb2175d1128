package uk.nhs.pcn.registry.membership;

import java.time.LocalDate;

/** A membership spell as a value: network and inclusive dates ({@code end} null = open-ended). */
public record Spell(String networkCode, LocalDate start, LocalDate end) {

    public boolean overlaps(Spell other) {
        return !endsBefore(other.start) && !other.endsBefore(start);
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(start) && !endsBefore(date);
    }

    private boolean endsBefore(LocalDate date) {
        return end != null && end.isBefore(date);
    }

    public String describe() {
        return networkCode + " from " + start + (end == null ? " (current)" : " to " + end);
    }
}
