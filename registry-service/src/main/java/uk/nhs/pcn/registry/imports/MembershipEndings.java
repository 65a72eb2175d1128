package uk.nhs.pcn.registry.imports;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How many of the registry's current memberships (spells with no end date) an ePCN plan ends, and the commissioners
 * it would leave with none. A national file that ends more than a small share of them, or every membership of a
 * commissioner, is more likely truncated or partial than true: the import asks for the count to be confirmed.
 *
 * @param ending current memberships the plan ends
 * @param current current memberships the registry holds
 * @param emptied commissioners (by code) every one of whose current memberships the plan ends, with how many
 */
public record MembershipEndings(int ending, int current, Map<String, Integer> emptied) {

    /**
     * @param networks the registry's networks: a membership belongs to its network's commissioner (the file's, for a
     *        network the file lists)
     */
    public static MembershipEndings of(EpcnImportPlan plan, EpcnFile file,
            Map<String, EpcnImportPlan.NetworkState> networks, List<EpcnImportPlan.SpellState> spells) {
        Map<String, String> commissionerOf = new HashMap<>();
        networks.values().forEach(n -> commissionerOf.put(n.code(), n.commissionerCode()));
        file.networks().forEach(n -> commissionerOf.put(n.code(), n.commissionerCode()));

        Set<Long> ended = new HashSet<>();
        plan.spellEnds().stream().filter(e -> e.spell().end() == null && e.newEnd() != null)
                .forEach(e -> ended.add(e.spell().id()));
        Map<String, Integer> endingBy = new TreeMap<>();
        Map<String, Integer> remainingBy = new HashMap<>();
        int current = 0;
        for (EpcnImportPlan.SpellState s : spells) {
            if (s.end() != null) {
                continue;
            }
            current++;
            String commissioner = commissionerOf.get(s.networkCode());
            (ended.contains(s.id()) ? endingBy : remainingBy).merge(commissioner, 1, Integer::sum);
        }
        // A current spell the plan reopens or starts keeps the commissioner's networks in use.
        plan.spellEnds().stream().filter(e -> e.newEnd() == null)
                .forEach(e -> remainingBy.merge(commissionerOf.get(e.spell().networkCode()), 1, Integer::sum));
        plan.joins().stream().filter(j -> j.end() == null)
                .forEach(j -> remainingBy.merge(commissionerOf.get(j.networkCode()), 1, Integer::sum));
        Map<String, Integer> emptied = new TreeMap<>();
        endingBy.forEach((commissioner, count) -> {
            if (!remainingBy.containsKey(commissioner)) {
                emptied.put(commissioner, count);
            }
        });
        return new MembershipEndings(ended.size(), current, emptied);
    }

    /** True when the endings need confirming: more than {@code maxShare} of them, or all of a commissioner's. */
    public boolean needConfirming(double maxShare) {
        return ending > maxShare * current || !emptied.isEmpty();
    }
}
