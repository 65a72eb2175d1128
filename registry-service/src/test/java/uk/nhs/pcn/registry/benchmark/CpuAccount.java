package uk.nhs.pcn.registry.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where the CPU of a phase went, measured rather than sampled: every Java thread's CPU time (user and system) from
 * {@link ThreadMXBean}, the whole JVM's from the operating system (the rest: GC and other native threads), and each
 * PostgreSQL server process's from {@code /proc} (Linux). Unlike execution samples this counts time spent in the
 * kernel (socket reads and writes) and in threads that wait for a core.
 */
final class CpuAccount {

    /** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<Long, Long> threadNanos = new HashMap<>();
    private final Map<Long, String> threadNames = new HashMap<>();
    private final long processNanos;
    private final Map<String, Long> processTicks;

    private CpuAccount() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                threadNanos.put(info.getThreadId(), cpu);
                threadNames.put(info.getThreadId(), info.getThreadName());
            }
        }
        processNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        processTicks = processTicks();
    }

    static CpuAccount now() {
        return new CpuAccount();
    }

    /**
     * Milliseconds of CPU per unit of work between {@code before} and this account: by kind of JVM thread, the
     * JVM's native remainder, and by external process name (e.g. postgres, pgbench); largest first.
     */
    Map<String, Double> perUnitSince(CpuAccount before, int units, Function<String, String> threadKind) {
        Map<String, Double> millis = new TreeMap<>();
        long javaThreads = 0;
        for (Map.Entry<Long, Long> t : threadNanos.entrySet()) {
            long delta = t.getValue() - before.threadNanos.getOrDefault(t.getKey(), 0L);
            javaThreads += delta;
            millis.merge("JVM: " + threadKind.apply(threadNames.get(t.getKey())), delta / 1e6, Double::sum);
        }
        millis.merge("JVM: GC, JIT and other native threads", (processNanos - before.processNanos - javaThreads) / 1e6,
                Double::sum);
        for (Map.Entry<String, Long> p : processTicks.entrySet()) {
            long delta = p.getValue() - before.processTicks.getOrDefault(p.getKey(), 0L);
            millis.merge(p.getKey(), delta / TICKS_PER_SECOND * 1000, Double::sum);
        }
        millis.replaceAll((k, v) -> v / units);
        return millis;
    }

    /**
     * CPU ticks of the PostgreSQL server processes (those alive, plus the ended backends the postmaster has reaped)
     * and of pgbench (a child of this JVM, counted once it has been waited for).
     */
    private static Map<String, Long> processTicks() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (name.startsWith("postgres")) {
                        ticks.merge("PostgreSQL server processes", Long.parseLong(f[11]) + Long.parseLong(f[12])
                                + Long.parseLong(f[13]) + Long.parseLong(f[14]), Long::sum);
                    } else if (p.getFileName().toString().equals(Long.toString(ProcessHandle.current().pid()))) {
                        ticks.merge("pgbench client", Long.parseLong(f[13]) + Long.parseLong(f[14]), Long::sum);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            // not Linux: no process figures
        }
        return ticks;
    }
}
