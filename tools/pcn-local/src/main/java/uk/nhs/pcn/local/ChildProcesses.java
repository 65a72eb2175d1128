package uk.nhs.pcn.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The processes the local run started, supervised: a child that dies (crashes, is killed, runs out of memory) is
 * started again with the same command after a back-off, and says so, while the others carry on. {@link #stopAll()}
 * (Ctrl-C) stops every child, in reverse start order (services first, then Kafka), and restarts nothing after.
 * <p>
 * The back-off doubles from {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF} while a child keeps dying soon after
 * each start, and starts again from the first once a child has stayed up for {@link #STABLE_AFTER}.
 */
final class ChildProcesses {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration STABLE_AFTER = Duration.ofSeconds(60);

    private final Map<String, Child> children = new LinkedHashMap<>();
    private final Consumer<String> say;
    private final Object lock = new Object();
    private volatile boolean stopping;
    private Thread supervisor;

    /** A child's command and where its output goes; {@code afterRestart} runs once it has been started again. */
    private static final class Child {
        final String name;
        final List<String> command;
        final Map<String, String> environment;
        final Path log;
        final Runnable afterRestart;
        Process process;
        long startedAt;
        int restarts;
        int quickDeaths;
        long restartDueAt = -1;

        Child(String name, List<String> command, Map<String, String> environment, Path log, Runnable afterRestart) {
            this.name = name;
            this.command = List.copyOf(command);
            this.environment = Map.copyOf(environment);
            this.log = log;
            this.afterRestart = afterRestart;
        }
    }

    ChildProcesses() {
        this(message -> System.out.println(message));
    }

    /** @param say where the supervisor reports deaths and restarts (the console, for ./pcn up) */
    ChildProcesses(Consumer<String> say) {
        this.say = say;
    }

    /** Starts and from now on supervises a child; its output (both streams) is appended to {@code log}. */
    Process start(String name, List<String> command, Map<String, String> environment, Path log) throws IOException {
        return start(name, command, environment, log, () -> { });
    }

    Process start(String name, List<String> command, Map<String, String> environment, Path log,
            Runnable afterRestart) throws IOException {
        Child child = new Child(name, command, environment, log, afterRestart);
        synchronized (lock) {
            if (children.containsKey(name)) {
                throw new IllegalArgumentException("A child named " + name + " is already running");
            }
            launch(child);
            children.put(name, child);
            if (supervisor == null) {
                supervisor = new Thread(this::supervise, "pcn-supervisor");
                supervisor.setDaemon(true);
                supervisor.start();
            }
        }
        return child.process;
    }

    /** The child's current process (a new one after each restart), or null when there is no such child. */
    Process process(String name) {
        synchronized (lock) {
            Child child = children.get(name);
            return child == null ? null : child.process;
        }
    }

    /** How many times the child has been restarted. */
    int restarts(String name) {
        synchronized (lock) {
            Child child = children.get(name);
            return child == null ? 0 : child.restarts;
        }
    }

    /** Whether the child's current process is running (false while it waits to be restarted). */
    boolean alive(String name) {
        Process p = process(name);
        return p != null && p.isAlive();
    }

    /** Kills the child at once ({@code SIGKILL}, as {@code kill -9}); the supervisor restarts it. For fault tests. */
    void kill(String name) throws InterruptedException {
        Process p = process(name);
        if (p == null) {
            throw new IllegalArgumentException("No child named " + name);
        }
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** The first child that is not running at this moment, if any (dead, waiting for its restart). */
    String exited() {
        synchronized (lock) {
            return children.values().stream().filter(c -> !c.process.isAlive()).map(c -> c.name).findFirst()
                    .orElse(null);
        }
    }

    /** The delay before the next restart of a child that has died {@code quickDeaths} times in a row soon after. */
    static Duration backoff(int quickDeaths) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(Math.max(quickDeaths - 1, 0), 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private void supervise() {
        while (!stopping) {
            List<Child> toRestart = new ArrayList<>();
            synchronized (lock) {
                long now = System.nanoTime();
                for (Child c : children.values()) {
                    if (c.process.isAlive() || stopping) {
                        continue;
                    }
                    if (c.restartDueAt < 0) {
                        boolean quick = now - c.startedAt < STABLE_AFTER.toNanos();
                        c.quickDeaths = quick ? c.quickDeaths + 1 : 1;
                        Duration wait = backoff(c.quickDeaths);
                        c.restartDueAt = now + wait.toNanos();
                        say.accept(c.name + " stopped unexpectedly (exit code " + exitCode(c.process)
                                + "); restarting it in " + wait.toMillis() / 1000.0 + " s. The others carry on. Log: "
                                + c.log);
                    } else if (now >= c.restartDueAt) {
                        toRestart.add(c);
                    }
                }
                for (Child c : toRestart) {
                    if (stopping) {
                        break;
                    }
                    try {
                        launch(c);
                        c.restarts++;
                        c.restartDueAt = -1;
                        say.accept(c.name + " restarted (restart " + c.restarts + ", pid " + c.process.pid() + ")");
                    } catch (IOException e) {
                        c.restartDueAt = System.nanoTime() + MAX_BACKOFF.toNanos();
                        say.accept(c.name + " could not be restarted (" + e.getMessage() + "); trying again in "
                                + MAX_BACKOFF.toSeconds() + " s");
                    }
                }
            }
            for (Child c : toRestart) {
                try {
                    c.afterRestart.run();
                } catch (RuntimeException e) {
                    say.accept(c.name + ": " + e.getMessage());
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String exitCode(Process p) {
        try {
            int code = p.exitValue();
            return code > 128 ? code + ", signal " + (code - 128) : Integer.toString(code);
        } catch (IllegalThreadStateException e) {
            return "unknown";
        }
    }

    private static void launch(Child c) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(c.command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(c.log.toFile()));
        builder.environment().putAll(c.environment);
        c.process = builder.start();
        c.startedAt = System.nanoTime();
    }

    /** Stops every child, newest first, and restarts none of them after. */
    void stopAll() {
        stopping = true;
        List<Child> reversed;
        synchronized (lock) {
            reversed = new ArrayList<>(children.values());
        }
        java.util.Collections.reverse(reversed);
        for (Child c : reversed) {
            Process p = c.process;
            if (!p.isAlive()) {
                continue;
            }
            say.accept("  stopping " + c.name);
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For tests: a printer that also keeps what it said. */
    static Consumer<String> printingTo(PrintStream out, List<String> said) {
        return message -> {
            synchronized (said) {
                said.add(message);
            }
            out.println(message);
        };
    }
}
