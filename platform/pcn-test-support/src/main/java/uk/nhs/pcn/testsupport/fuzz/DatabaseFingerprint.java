package uk.nhs.pcn.testsupport.fuzz;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * The state of every table of the service's schema (but Flyway's history), as row count and an MD5 of its rows in
 * order: equal fingerprints mean no row was added, removed or changed.
 */
final class DatabaseFingerprint {

    private final Map<String, String> tables;

    private DatabaseFingerprint(Map<String, String> tables) {
        this.tables = tables;
    }

    static DatabaseFingerprint take(DataSource dataSource) {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT table_name FROM information_schema.tables
                     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                       AND table_name <> 'flyway_schema_history' ORDER BY table_name""")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
                try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(md5(string_agg(md5(t::text), ',' "
                        + "ORDER BY md5(t::text))), '') FROM " + quoted + " t")) {
                    rs.next();
                    tables.put(name, rs.getLong(1) + " rows, md5 " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot fingerprint the service's database", e);
        }
        return new DatabaseFingerprint(tables);
    }

    /**
     * Waits until the database stops changing (the outbox relay has marked what it sent, consumers have caught up):
     * two fingerprints a second apart are equal. Returns null if it never settles within the time.
     */
    static DatabaseFingerprint settled(DataSource dataSource, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        DatabaseFingerprint previous = take(dataSource);
        while (System.nanoTime() < deadline) {
            sleep(1000);
            DatabaseFingerprint current = take(dataSource);
            if (current.tables.equals(previous.tables)) {
                return current;
            }
            previous = current;
        }
        return null;
    }

    /** The tables that differ, as "table: before → after"; empty when nothing changed. */
    List<String> differences(DatabaseFingerprint after) {
        List<String> out = new ArrayList<>();
        TreeMap<String, String> all = new TreeMap<>(tables);
        after.tables.forEach(all::putIfAbsent);
        for (String table : all.keySet()) {
            String before = tables.getOrDefault(table, "absent");
            String now = after.tables.getOrDefault(table, "absent");
            if (!before.equals(now)) {
                out.add(table + ": " + before + " → " + now);
            }
        }
        return out;
    }

    int tableCount() {
        return tables.size();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
