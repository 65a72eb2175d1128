package uk.nhs.pcn.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The processes the local run started; stopped in reverse order (services first, then Kafka) on exit. */
final class ChildProcesses {

    private final Deque<Named> started = new ArrayDeque<>();

    private record Named(String name, Process process) {
    }

    Process start(String name, List<String> command, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.push(new Named(name, process));
        return process;
    }

    /** The first child that has exited, if any. */
    String exited() {
        return started.stream().filter(n -> !n.process().isAlive()).map(Named::name).findFirst().orElse(null);
    }

    void stopAll() {
        while (!started.isEmpty()) {
            Named n = started.pop();
            if (!n.process().isAlive()) {
                continue;
            }
            System.out.println("  stopping " + n.name());
            n.process().destroy();
            try {
                if (!n.process().waitFor(20, TimeUnit.SECONDS)) {
                    n.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                n.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
