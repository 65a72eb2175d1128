package uk.nhs.pcn.registry.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an ePCN file changes, worked out from the file and the registry's current state alone (no storage), so it
 * can be shown as a dry run and unit tested. Applying the same file twice gives an empty plan.
 * <p>
 * The file is the national picture: a current membership the registry holds that the file no longer lists ends
 * the day before the practice's next spell in the file starts, or the day before the file's effective date.
 */
public record EpcnImportPlan(List<EpcnFile.NetworkRow> newNetworks, List<Rename> renames,
        List<EpcnFile.NetworkRow> networkDetailChanges, List<Closure> closures, List<PracticeState> newPractices,
        List<PracticeState> practiceChanges, List<SpellEnd> spellEnds, List<EpcnFile.MembershipRow> joins) {

    public record NetworkState(String code, String name, String commissionerCode, LocalDate openDate,
            LocalDate closeDate, String postcode) {
    }

    public record PracticeState(String code, String name, String commissionerCode) {
    }

    public record SpellState(long id, String practiceCode, String networkCode, LocalDate start, LocalDate end) {
    }

    public record Rename(String networkCode, String previousName, String name) {
    }

    public record Closure(String networkCode, LocalDate closeDate) {
    }

    /** An existing spell's end date changes to {@code newEnd} (null: the spell is current again). */
    public record SpellEnd(SpellState spell, LocalDate newEnd) {
    }

    public boolean isEmpty() {
        return newNetworks.isEmpty() && renames.isEmpty() && networkDetailChanges.isEmpty() && closures.isEmpty()
                && newPractices.isEmpty() && practiceChanges.isEmpty() && spellEnds.isEmpty() && joins.isEmpty();
    }

    public static EpcnImportPlan of(EpcnFile file, Map<String, NetworkState> networks,
            Map<String, PracticeState> practices, List<SpellState> spells, LocalDate effectiveDate) {
        List<EpcnFile.NetworkRow> newNetworks = new ArrayList<>();
        List<Rename> renames = new ArrayList<>();
        List<EpcnFile.NetworkRow> detailChanges = new ArrayList<>();
        List<Closure> closures = new ArrayList<>();
        for (EpcnFile.NetworkRow row : file.networks()) {
            NetworkState current = networks.get(row.code());
            if (current == null) {
                newNetworks.add(row);
                if (row.closeDate() != null) {
                    closures.add(new Closure(row.code(), row.closeDate()));
                }
                continue;
            }
            if (!current.name().equals(row.name())) {
                renames.add(new Rename(row.code(), current.name(), row.name()));
            }
            if (current.closeDate() == null && row.closeDate() != null) {
                closures.add(new Closure(row.code(), row.closeDate()));
            }
            if (!current.commissionerCode().equals(row.commissionerCode())
                    || !current.openDate().equals(row.openDate())
                    || !Objects.equals(current.postcode(), row.postcode())
                    || current.closeDate() != null && !current.closeDate().equals(row.closeDate())) {
                detailChanges.add(row);
            }
        }

        List<PracticeState> newPractices = new ArrayList<>();
        List<PracticeState> practiceChanges = new ArrayList<>();
        Set<String> seenPractices = new HashSet<>();
        for (EpcnFile.MembershipRow row : file.memberships()) {
            if (!seenPractices.add(row.practiceCode())) {
                continue;
            }
            PracticeState fromFile = new PracticeState(row.practiceCode(), row.practiceName(),
                    row.practiceCommissionerCode());
            PracticeState current = practices.get(row.practiceCode());
            if (current == null) {
                newPractices.add(fromFile);
            } else if (!current.equals(fromFile)) {
                practiceChanges.add(fromFile);
            }
        }

        Map<String, List<EpcnFile.MembershipRow>> fileSpells = new HashMap<>();
        for (EpcnFile.MembershipRow row : file.memberships()) {
            fileSpells.computeIfAbsent(row.practiceCode(), k -> new ArrayList<>()).add(row);
        }
        Map<String, SpellState> existingByKey = new HashMap<>();
        for (SpellState s : spells) {
            existingByKey.put(key(s.practiceCode(), s.networkCode(), s.start()), s);
        }

        List<SpellEnd> spellEnds = new ArrayList<>();
        List<EpcnFile.MembershipRow> joins = new ArrayList<>();
        Set<String> matched = new HashSet<>();
        for (EpcnFile.MembershipRow row : file.memberships()) {
            String key = key(row.practiceCode(), row.networkCode(), row.start());
            SpellState existing = existingByKey.get(key);
            if (existing == null) {
                joins.add(row);
            } else {
                matched.add(key);
                if (!Objects.equals(existing.end(), row.end())) {
                    spellEnds.add(new SpellEnd(existing, row.end()));
                }
            }
        }
        // Current spells the file no longer lists have ended.
        for (SpellState s : spells) {
            if (matched.contains(key(s.practiceCode(), s.networkCode(), s.start()))) {
                continue;
            }
            LocalDate lastDay = effectiveDate.minusDays(1);
            for (EpcnFile.MembershipRow next : fileSpells.getOrDefault(s.practiceCode(), List.of())) {
                if (next.start().isAfter(s.start()) && next.start().minusDays(1).isBefore(lastDay)) {
                    lastDay = next.start().minusDays(1);
                }
            }
            if (lastDay.isBefore(s.start())) {
                lastDay = s.start();
            }
            if (s.end() == null || s.end().isAfter(lastDay)) {
                spellEnds.add(new SpellEnd(s, lastDay));
            }
        }
        spellEnds.sort(Comparator.comparing((SpellEnd e) -> e.spell().practiceCode())
                .thenComparing(e -> e.spell().start()));
        return new EpcnImportPlan(newNetworks, renames, detailChanges, closures, newPractices, practiceChanges,
                spellEnds, joins);
    }

    private static String key(String practice, String network, LocalDate start) {
        return practice + "|" + network + "|" + start;
    }
}
