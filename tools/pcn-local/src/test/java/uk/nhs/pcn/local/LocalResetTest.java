package uk.nhs.pcn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.nhs.pcn.testsupport.PostgresServer;

/**
 * ./pcn reset drops the platform's four databases and the local broker's data, only after a "y" (or --yes), and
 * nothing else. Run against the real PostgreSQL, with databases of its own standing in for the platform's.
 */
class LocalResetTest {

    @TempDir
    Path state;

    final PostgresServer postgres = PostgresServer.locate();
    final List<String> created = new ArrayList<>();
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    String platformA;
    String platformB;
    String other;

    @BeforeEach
    void aPlatformWithDataAndABrokerThatRan() throws IOException {
        platformA = database();
        platformB = database();
        other = database();
        Files.createDirectories(state.resolve("kafka/data"));
        Files.writeString(state.resolve("kafka/data/meta.properties"), "cluster.id=x\n");
        Files.writeString(state.resolve("kafka/cluster-id"), "x\n");
        Files.createDirectories(state.resolve("jwt"));
        Files.writeString(state.resolve("jwt/jwt-private.pem"), "key\n");
    }

    @AfterEach
    void dropWhatIsLeft() {
        created.forEach(name -> postgres.dropDatabase(postgres.urlOf(name)));
    }

    @Test
    void theDatabasesAreThePlatformsFourAndTheBrokerAndEveryServicePortIsChecked() {
        assertThat(LocalReset.databases()).containsExactly("pcn_registry", "pcn_workforce", "pcn_referral",
                "pcn_funding");
        assertThat(LocalReset.ports(9092)).containsExactly(8081, 8082, 8083, 8084, 9092);
    }

    @Test
    void anythingButYesChangesNothing() throws Exception {
        for (String answer : List.of("", "n", "no", "nope", "Y es")) {
            assertThat(reset(false, answer + "\n")).isFalse();
        }
        assertThat(reset(false, "")).as("end of input").isFalse();

        assertThat(output.toString(StandardCharsets.UTF_8)).contains("Continue? [y/N]", platformA, platformB,
                state.resolve("kafka").toString()).contains("Nothing was changed.").doesNotContain(other);
        assertThat(exists(platformA)).isTrue();
        assertThat(exists(platformB)).isTrue();
        assertThat(state.resolve("kafka/data/meta.properties")).exists();
    }

    @Test
    void yesDropsThePlatformsDatabasesAndTheBrokerDataAndNothingElse() throws Exception {
        assertThat(reset(false, "y\n")).isTrue();

        assertThat(exists(platformA)).isFalse();
        assertThat(exists(platformB)).isFalse();
        assertThat(exists(other)).isTrue();
        assertThat(state.resolve("kafka")).doesNotExist();
        assertThat(state.resolve("jwt/jwt-private.pem")).exists();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("dropped " + platformA, "./pcn up --demo");
    }

    @Test
    void withYesItDoesNotAsk() throws Exception {
        assertThat(reset(true, "")).isTrue();

        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("Continue?");
        assertThat(exists(platformA)).isFalse();
        assertThat(state.resolve("kafka")).doesNotExist();
        // A second reset finds nothing to drop and still succeeds.
        assertThat(reset(true, "")).isTrue();
    }

    @Test
    void aRunningPlatformIsNotReset() throws Exception {
        try (ServerSocket service = new ServerSocket(0)) {
            LocalReset reset = new LocalReset(postgres, state, List.of(platformA, platformB),
                    List.of(service.getLocalPort()));
            assertThat(reset.run(true, new BufferedReader(new StringReader("y\n")), new PrintStream(output, true,
                    StandardCharsets.UTF_8))).isFalse();
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("The platform is running", "stop ./pcn up");
        assertThat(exists(platformA)).isTrue();
        assertThat(state.resolve("kafka/data/meta.properties")).exists();
    }

    private boolean reset(boolean yes, String input) throws IOException {
        return new LocalReset(postgres, state, List.of(platformA, platformB), List.of())
                .run(yes, new BufferedReader(new StringReader(input)), new PrintStream(output, true,
                        StandardCharsets.UTF_8));
    }

    private String database() {
        String url = postgres.createDatabase("pcn_reset_test");
        String name = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
        created.add(name);
        return name;
    }

    private boolean exists(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.urlOf("postgres"), postgres.user(),
                postgres.password()); ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
