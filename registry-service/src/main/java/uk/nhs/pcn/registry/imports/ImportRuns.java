package uk.nhs.pcn.registry.imports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The record of applied file imports (what file, when, by whom, as at what date, what it changed), and the lock
 * that makes imports run one at a time. Dry runs and refused files are not recorded.
 */
@ApplicationScoped
public class ImportRuns {

    /** Arbitrary constant naming the imports' advisory lock. */
    private static final long IMPORT_LOCK = 0x5043_4e5f_494dL;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    /** One applied import, as recorded. */
    public record Run(long id, String kind, String fileName, String sha256, OffsetDateTime importedAt,
            String importedBy, LocalDate effectiveDate) {

        /** How a problem names the import: when, which file (name and hash), as at what date. */
        public String describe() {
            return "the " + kind + " import applied " + importedAt.toInstant().truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS) + " (file " + (fileName == null ? "" : "'" + fileName
                            + "', ") + "sha256 " + sha256 + (effectiveDate == null ? ""
                                    : ", effective " + effectiveDate) + ")";
        }
    }

    /** Waits for any other import to finish; held until the current transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockImports() {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, IMPORT_LOCK)
                .getSingleResult();
    }

    /** Records an applied import; returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long record(String kind, String fileName, String sha256, String importedBy, ImportReport report) {
        return record(kind, fileName, sha256, importedBy, report.effectiveDate(), report.counts());
    }

    /** Records an applied import (before its changes are written, so they can name it); returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long record(String kind, String fileName, String sha256, String importedBy, LocalDate effectiveDate,
            ImportReport.Counts counts) {
        String summary;
        try {
            summary = json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            summary = "{}";
        }
        long id = ((Number) entityManager.createNativeQuery("SELECT nextval('import_run_seq')").getSingleResult())
                .longValue();
        entityManager.createNativeQuery("""
                INSERT INTO import_run (id, kind, file_name, sha256, imported_at, imported_by, summary, effective_date)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id)
                .setParameter(2, kind)
                .setParameter(3, fileName)
                .setParameter(4, sha256)
                .setParameter(5, OffsetDateTime.now())
                .setParameter(6, importedBy)
                .setParameter(7, summary)
                .setParameter(8, effectiveDate)
                .executeUpdate();
        return id;
    }

    /** The recorded runs with these ids. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, Run> find(Collection<Long> ids) {
        Map<Long, Run> runs = new HashMap<>();
        if (ids.isEmpty()) {
            return runs;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT id, kind, file_name, sha256, imported_at, imported_by, effective_date
                FROM import_run WHERE id IN (?1)""").setParameter(1, List.copyOf(ids)).getResultList();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            runs.put(id, new Run(id, (String) row[1], (String) row[2], (String) row[3], offsetDateTime(row[4]),
                    (String) row[5], localDate(row[6])));
        }
        return runs;
    }

    private static OffsetDateTime offsetDateTime(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }

    private static LocalDate localDate(Object value) {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        return ((java.sql.Date) value).toLocalDate();
    }
}
