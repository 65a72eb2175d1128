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

import uk.nhs.pcn.platform.problem.Problem.FieldError;
import uk.nhs.pcn.registry.membership.Spell;

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

    /** @param closedByImport the applied import that closed the network; null when open or closed through the API */
    public record NetworkState(String code, String name, String commissionerCode, LocalDate openDate,
            LocalDate closeDate, String postcode, Long closedByImport) {

        public NetworkState(String code, String name, String commissionerCode, LocalDate openDate,
                LocalDate closeDate, String postcode) {
            this(code, name, commissionerCode, openDate, closeDate, postcode, null);
        }
    }

    public record PracticeState(String code, String name, String commissionerCode) {
    }

    /** @param endedByImport the applied import that ended the spell; null when current or ended through the API */
    public record SpellState(long id, String practiceCode, String networkCode, LocalDate start, LocalDate end,
            Long endedByImport) {

        public SpellState(long id, String practiceCode, String networkCode, LocalDate start, LocalDate end) {
            this(id, practiceCode, networkCode, start, end, null);
        }

        Spell spell() {
            return new Spell(networkCode, start, end);
        }

        String key() {
            return EpcnImportPlan.key(practiceCode, networkCode, start);
        }
    }

    public record Rename(String networkCode, String previousName, String name) {
    }

    public record Closure(String networkCode, LocalDate closeDate) {
    }

    /**
     * An existing spell's end date changes to {@code newEnd} (null: the spell is current again). {@code row} is the
     * file's row of the spell, or null when the file no longer lists it.
     */
    public record SpellEnd(SpellState spell, LocalDate newEnd, Integer row) {
    }

    public boolean isEmpty() {
        return newNetworks.isEmpty() && renames.isEmpty() && networkDetailChanges.isEmpty() && closures.isEmpty()
                && newPractices.isEmpty() && practiceChanges.isEmpty() && spellEnds.isEmpty() && joins.isEmpty();
    }

    /** How many current memberships (spells with no end date) the plan ends. */
    public int currentMembershipsEnded() {
        return (int) spellEnds.stream().filter(e -> e.spell().end() == null && e.newEnd() != null).count();
    }

    /**
     * Where the plan would leave a practice in two networks on one day (which the file alone cannot show: one
     * spell may be the registry's, e.g. a move made through the API that a national file does not know yet). Each
     * is reported against the file's row of the spell the plan starts or reopens, where there is one.
     *
     * @param spells the registry's spells the plan was made from
     */
    public List<FieldError> overlaps(List<SpellState> spells) {
        Map<Long, SpellEnd> ends = new HashMap<>();
        spellEnds.forEach(e -> ends.put(e.spell().id(), e));
        record After(Spell spell, boolean changed, Integer row) {
        }
        Map<String, List<After>> byPractice = new HashMap<>();
        for (SpellState s : spells) {
            SpellEnd end = ends.get(s.id());
            After after = end == null ? new After(s.spell(), false, null)
                    : new After(new Spell(s.networkCode(), s.start(), end.newEnd()), true, end.row());
            byPractice.computeIfAbsent(s.practiceCode(), k -> new ArrayList<>()).add(after);
        }
        for (EpcnFile.MembershipRow join : joins) {
            byPractice.computeIfAbsent(join.practiceCode(), k -> new ArrayList<>())
                    .add(new After(new Spell(join.networkCode(), join.start(), join.end()), true, join.row()));
        }
        List<FieldError> problems = new ArrayList<>();
        for (Map.Entry<String, List<After>> practice : new java.util.TreeMap<>(byPractice).entrySet()) {
            List<After> all = practice.getValue();
            all.sort(Comparator.comparing(a -> a.spell().start()));
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    After first = all.get(i);
                    After second = all.get(j);
                    if ((first.changed() || second.changed()) && first.spell().overlaps(second.spell())) {
                        // Report the spell the file starts or reopens (it has a row) against the other one.
                        After reported = second.row() != null || !first.changed() ? second : first;
                        After other = reported == second ? first : second;
                        String message = "Practice " + practice.getKey() + " would be a member of "
                                + reported.spell().describe() + " and of " + other.spell().describe()
                                + (other.row() == null && !other.changed() ? " (held in the registry)" : "")
                                + ", which overlap. A practice belongs to at most one network on any day.";
                        problems.add(new FieldError(EpcnParser.PARTNERS, "overlapping-membership", message,
                                reported.row(),
                                reported.row() == null ? null : "practice to pcn relationship start date"));
                    }
                }
            }
        }
        return problems;
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
                    spellEnds.add(new SpellEnd(existing, row.end(), row.row()));
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
                spellEnds.add(new SpellEnd(s, lastDay, null));
            }
        }
        spellEnds.sort(Comparator.comparing((SpellEnd e) -> e.spell().practiceCode())
                .thenComparing(e -> e.spell().start()));
        return new EpcnImportPlan(newNetworks, renames, detailChanges, closures, newPractices, practiceChanges,
                spellEnds, joins);
    }

    static String key(String practice, String network, LocalDate start) {
        return practice + "|" + network + "|" + start;
    }
}
