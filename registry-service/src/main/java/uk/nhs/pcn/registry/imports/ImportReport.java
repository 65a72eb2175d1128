package uk.nhs.pcn.registry.imports;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an import did (or, for a dry run, would do). {@code basis} says what the file's figures stand for when
 * that is not obvious; {@code practicesWithoutFigures} lists known practices the file has no figure for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(String kind, boolean dryRun, String fileSha256, LocalDate effectiveDate, String basis,
        Counts counts, int eventsPublished, List<String> changes, Integer changesNotListed,
        List<String> unknownPractices, List<String> practicesWithoutFigures) {

    public ImportReport(String kind, boolean dryRun, String fileSha256, LocalDate effectiveDate, Counts counts,
            int eventsPublished, List<String> changes, Integer changesNotListed, List<String> unknownPractices) {
        this(kind, dryRun, fileSha256, effectiveDate, null, counts, eventsPublished, changes, changesNotListed,
                unknownPractices, null);
    }

    /**
     * How many changes of each kind; zero everywhere means the file matched the registry. The last two are
     * reported by the weighted-population import only.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counts(int rowsRead, int networksRegistered, int networksRenamed, int networksClosed,
            int networksUpdated, int practicesRegistered, int practicesUpdated, int joins, int leaves,
            int listSizesRecorded, int listSizesUnchanged, int unknownPractices, Integer practicesWithoutFigures,
            Integer registeredFromFile) {

        public Counts(int rowsRead, int networksRegistered, int networksRenamed, int networksClosed,
                int networksUpdated, int practicesRegistered, int practicesUpdated, int joins, int leaves,
                int listSizesRecorded, int listSizesUnchanged, int unknownPractices) {
            this(rowsRead, networksRegistered, networksRenamed, networksClosed, networksUpdated, practicesRegistered,
                    practicesUpdated, joins, leaves, listSizesRecorded, listSizesUnchanged, unknownPractices, null,
                    null);
        }
    }

    static final int MAX_LISTED_CHANGES = 500;

    static List<String> firstChanges(List<String> all) {
        return all.size() <= MAX_LISTED_CHANGES ? all : all.subList(0, MAX_LISTED_CHANGES);
    }

    static Integer notListed(List<String> all) {
        return all.size() <= MAX_LISTED_CHANGES ? null : all.size() - MAX_LISTED_CHANGES;
    }
}
