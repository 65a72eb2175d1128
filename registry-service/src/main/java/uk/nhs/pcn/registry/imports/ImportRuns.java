package uk.nhs.pcn.registry.imports;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The audit trail of file imports, and the lock that makes imports run one at a time. */
@ApplicationScoped
public class ImportRuns {

    /** Arbitrary constant naming the imports' advisory lock. */
    private static final long IMPORT_LOCK = 0x5043_4e5f_494dL;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    /** Waits for any other import to finish; held until the current transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockImports() {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, IMPORT_LOCK)
                .getSingleResult();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String kind, String fileName, String sha256, String importedBy, ImportReport report) {
        String summary;
        try {
            summary = json.writeValueAsString(report.counts());
        } catch (JsonProcessingException e) {
            summary = "{}";
        }
        entityManager.createNativeQuery("""
                INSERT INTO import_run (id, kind, file_name, sha256, imported_at, imported_by, summary)
                VALUES (nextval('import_run_seq'), ?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, kind)
                .setParameter(2, fileName)
                .setParameter(3, sha256)
                .setParameter(4, OffsetDateTime.now())
                .setParameter(5, importedBy)
                .setParameter(6, summary)
                .executeUpdate();
    }
}
