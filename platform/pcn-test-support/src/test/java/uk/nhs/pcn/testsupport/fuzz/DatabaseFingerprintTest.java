package uk.nhs.pcn.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import uk.nhs.pcn.testsupport.PostgresServer;

/** The fingerprint sees any row added, changed or removed in any table but Flyway's history, and nothing else. */
class DatabaseFingerprintTest {

    private final PostgresServer server = PostgresServer.locate();
    private String url;
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void createDatabase() throws SQLException {
        url = server.createDatabase("fingerprint_test");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(server.user());
        dataSource.setPassword(server.password());
        execute("CREATE TABLE network (code VARCHAR(6) PRIMARY KEY, name TEXT)",
                "CREATE TABLE flyway_schema_history (version TEXT)",
                "INSERT INTO network VALUES ('U00001', 'ONE'), ('U00002', 'TWO')");
    }

    @AfterEach
    void dropDatabase() {
        server.dropDatabase(url);
    }

    @Test
    void anyChangedRowIsSeenAndNamedByTable() throws SQLException {
        DatabaseFingerprint before = DatabaseFingerprint.settled(dataSource, Duration.ofSeconds(5));
        assertThat(before).isNotNull();
        assertThat(before.tableCount()).isEqualTo(1);

        execute("INSERT INTO flyway_schema_history VALUES ('99')");
        assertThat(before.differences(DatabaseFingerprint.take(dataSource))).isEmpty();

        execute("UPDATE network SET name = 'ONE ' WHERE code = 'U00001'");
        assertThat(before.differences(DatabaseFingerprint.take(dataSource)))
                .singleElement().asString().startsWith("network: 2 rows").contains("→ 2 rows");

        execute("UPDATE network SET name = 'ONE' WHERE code = 'U00001'", "DELETE FROM network WHERE code = 'U00002'",
                "INSERT INTO network VALUES ('U00002', 'TWO')");
        assertThat(before.differences(DatabaseFingerprint.take(dataSource))).isEmpty();

        execute("CREATE TABLE outbox_event (seq INT)", "INSERT INTO outbox_event VALUES (1)");
        assertThat(before.differences(DatabaseFingerprint.take(dataSource)))
                .singleElement().asString().startsWith("outbox_event: absent → 1 rows, md5 ");
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
