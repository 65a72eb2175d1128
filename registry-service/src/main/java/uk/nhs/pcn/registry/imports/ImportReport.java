package uk.nhs.pcn.registry.imports;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What an import did (or, for a dry run, would do). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(String kind, boolean dryRun, String fileSha256, LocalDate effectiveDate, Counts counts,
        int eventsPublished, List<String> changes, Integer changesNotListed, List<String> unknownPractices) {

    /** How many changes of each kind; zero everywhere means the file matched the registry. */
    public record Counts(int rowsRead, int networksRegistered, int networksRenamed, int networksClosed,
            int networksUpdated, int practicesRegistered, int practicesUpdated, int joins, int leaves,
            int listSizesRecorded, int listSizesUnchanged, int unknownPractices) {
    }

    static final int MAX_LISTED_CHANGES = 500;

    static List<String> firstChanges(List<String> all) {
        return all.size() <= MAX_LISTED_CHANGES ? all : all.subList(0, MAX_LISTED_CHANGES);
    }

    static Integer notListed(List<String> all) {
        return all.size() <= MAX_LISTED_CHANGES ? null : all.size() - MAX_LISTED_CHANGES;
    }
}
