package uk.nhs.pcn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervision behind ./pcn up, with trivial child processes instead of the platform. */
class ChildProcessesTest {

    @TempDir
    Path logs;

    private final List<String> said = new ArrayList<>();
    private final ChildProcesses children = new ChildProcesses(ChildProcesses.printingTo(System.out, said));

    @AfterEach
    void stop() {
        children.stopAll();
    }

    private static List<String> sleeper() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx32m", "-cp", Path.of("target/test-classes").toAbsolutePath().toString(),
                SleepingChild.class.getName());
    }

    private List<String> said() {
        synchronized (said) {
            return List.copyOf(said);
        }
    }

    @Test
    void aKilledChildIsRestartedSaysSoAndTheOthersCarryOn() throws Exception {
        Process broker = children.start("broker", sleeper(), Map.of(), logs.resolve("broker.log"));
        Process service = children.start("service", sleeper(), Map.of(), logs.resolve("service.log"));

        children.kill("service");

        await().atMost(Duration.ofSeconds(30)).until(() -> children.alive("service")
                && children.process("service").pid() != service.pid());
        assertThat(children.restarts("service")).isEqualTo(1);
        assertThat(children.process("broker").pid()).as("the other child is not touched").isEqualTo(broker.pid());
        assertThat(broker.isAlive()).isTrue();
        assertThat(said()).anySatisfy(m -> assertThat(m).startsWith("service stopped unexpectedly (exit code 137")
                .contains("restarting it in 1.0 s"));
        assertThat(said()).anySatisfy(m -> assertThat(m).startsWith("service restarted (restart 1, pid "));
    }

    @Test
    void aChildRestartedTwiceStillRunsItsOwnCommandWithItsEnvironmentAndLog() throws Exception {
        Path log = logs.resolve("broker.log");
        // Prints its environment variable, then sleeps: every start appends one line to the same log.
        Path script = logs.resolve("child.sh");
        Files.writeString(script, "echo started with $CHILD_SETTING\nexec " + String.join(" ", sleeper()) + "\n");
        children.start("broker", List.of("sh", script.toString()), Map.of("CHILD_SETTING", "kept"), log);

        for (int restart = 1; restart <= 2; restart++) {
            int starts = restart;
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(log).size() == starts);
            children.kill("broker");
            await().atMost(Duration.ofSeconds(30)).until(() -> children.restarts("broker") == starts
                    && children.alive("broker"));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readAllLines(log))
                .containsExactly("started with kept", "started with kept", "started with kept"));
        // Died quickly twice in a row: the second restart waited longer than the first.
        assertThat(said()).anySatisfy(m -> assertThat(m).startsWith("broker stopped unexpectedly")
                .contains("restarting it in 2.0 s"));
    }

    @Test
    void stoppingAllStopsEveryChildAndRestartsNone() throws Exception {
        Process a = children.start("a", sleeper(), Map.of(), logs.resolve("a.log"));
        Process b = children.start("b", sleeper(), Map.of(), logs.resolve("b.log"));

        children.stopAll();

        assertThat(a.isAlive()).isFalse();
        assertThat(b.isAlive()).isFalse();
        // A restart would come after the first back-off: for twice that long, neither child comes back.
        org.awaitility.Awaitility.await().during(ChildProcesses.FIRST_BACKOFF.multipliedBy(2))
                .atMost(ChildProcesses.FIRST_BACKOFF.multipliedBy(4))
                .until(() -> !children.alive("a") && !children.alive("b")
                        && children.restarts("a") + children.restarts("b") == 0);
        assertThat(said()).noneMatch(m -> m.contains("restarted"));
    }

    @Test
    void theBackOffDoublesUpToItsCeiling() {
        assertThat(ChildProcesses.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ChildProcesses.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ChildProcesses.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(ChildProcesses.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ChildProcesses.backoff(50)).isEqualTo(Duration.ofSeconds(30));
    }
}
