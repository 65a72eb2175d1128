package uk.nhs.pcn.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request that meets the database restarting or unreachable (the chaos suite restarts PostgreSQL under load) is
 * answered 503 with Retry-After, as problem+json, not 500: the client may retry, and no defect is reported.
 */
class DatabaseUnavailableProblemTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @ParameterizedTest
    @ValueSource(strings = { "08006", "08001", "08003", "57P01", "57P02", "57P03" })
    void aLostOrRefusedDatabaseConnectionIsA503WithRetryAfter(String sqlState) {
        // As Hibernate and Arc wrap it: the SQLException is a few causes down.
        RuntimeException failure = new RuntimeException("Error invoking subclass method",
                new IllegalStateException("could not execute batch",
                        new BatchUpdateException("Batch entry 0 <unknown> was aborted", sqlState, 0, new int[0])));

        Response response = mappers.unexpected(failure, null);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type().toString()).endsWith("database-unavailable");
        assertThat(problem.detail()).contains("retry");
    }

    @Test
    void aCommitTheRestartingDatabaseCutOffIsA503() {
        // As Narayana reports it: the driver's exception hangs from an XAException suppressed by the rollback.
        javax.transaction.xa.XAException xa = new javax.transaction.xa.XAException(
                "Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);

        Response response = mappers.unexpected(new RuntimeException("Error invoking subclass method", rollback), null);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((Problem) response.getEntity()).detail()).contains("may have been made");
    }

    @Test
    void aServiceTooBusyToQueueAWriteSaysWhenToRetry() {
        Response response = mappers.problem(new ProblemException(503, "busy", "Service busy",
                "The service has too many writes waiting; retry shortly. Nothing was changed.", List.of()), null);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    }

    @Test
    void otherDatabaseFailuresAreStillInternalErrors() {
        Response response = mappers.unexpected(new RuntimeException(new SQLException("disk full", "53100")), null);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }
}
