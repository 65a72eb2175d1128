package uk.nhs.pcn.registry.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether an ePCN file is older than an ePCN import the registry has already applied, judged by the file's content
 * (its own dates say nothing about when it was published). The file is older when it lists
 * <ul>
 * <li>as current (no end date) a membership spell (same practice, network and start date) to which an applied
 * import's file gave an end date; or</li>
 * <li>as open (no close date) a network to which an applied import's file gave a close date.</li>
 * </ul>
 * A file that gives such a spell or network another end or close date is a correction, not older. Spells an import
 * ended only because its file no longer listed them, spells ended and networks closed through the API are no
 * evidence: the national file may reopen those, as it always has (so the full file undoes a truncated one).
 */
public final class OlderFile {

    private OlderFile() {
    }

    /** One thing the file says that an applied import ({@code importRun}) has since changed. */
    public record Evidence(String sheet, int row, String column, String message, long importRun) {
    }

    public static List<Evidence> evidence(EpcnFile file, Map<String, EpcnImportPlan.NetworkState> networks,
            List<EpcnImportPlan.SpellState> spells) {
        List<Evidence> evidence = new ArrayList<>();
        for (EpcnFile.NetworkRow row : file.networks()) {
            EpcnImportPlan.NetworkState held = networks.get(row.code());
            if (row.closeDate() == null && held != null && held.closeDate() != null && held.closedByImport() != null) {
                evidence.add(new Evidence(EpcnParser.DETAILS, row.row(), "close date",
                        "PCN " + row.code() + " is open in this file; an import closed it on " + held.closeDate(),
                        held.closedByImport()));
            }
        }
        Map<String, EpcnImportPlan.SpellState> ended = new HashMap<>();
        for (EpcnImportPlan.SpellState s : spells) {
            if (s.end() != null && s.endedByImport() != null) {
                ended.put(s.key(), s);
            }
        }
        for (EpcnFile.MembershipRow row : file.memberships()) {
            EpcnImportPlan.SpellState held = row.end() == null
                    ? ended.get(EpcnImportPlan.key(row.practiceCode(), row.networkCode(), row.start()))
                    : null;
            if (held != null) {
                evidence.add(new Evidence(EpcnParser.PARTNERS, row.row(), "practice to pcn relationship end date",
                        "Practice " + row.practiceCode() + "'s membership of " + row.networkCode() + " from "
                                + row.start() + " is current in this file; an import ended it on " + held.end(),
                        held.endedByImport()));
            }
        }
        return evidence;
    }
}
