package uk.nhs.pcn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite (issue 9; docs/reliability.md): the four services from their packaged jars and the Kafka broker,
 * each its own process, under a load of mixed writes ({@code -Dpcn.chaos.writes}, 10,000 unless set) while the
 * broker is killed ({@code kill -9}) and restarted twice, each service is killed and restarted, and PostgreSQL is
 * restarted. The supervisor of {@code ./pcn up} ({@link ChildProcesses}) does the restarting. Afterwards every
 * acknowledged write must be in its database, every outbox row on its topic, each consumer's read model equal to what
 * a fresh consumer builds from the topics, and no effect applied twice.
 * <p>
 * Not in the default suite (tag {@code chaos}): run it with {@code ./pcn chaos [writes]}. It restarts the local
 * PostgreSQL cluster, so other work on the same server sees its connections drop once.
 */
@Tag("chaos")
class ChaosTest {

    /** A fault and when it strikes: after this share of the writes has completed. */
    record Fault(double at, String what, String child) {
    }

    /** The faults, in order; "postgresql" restarts the database server, any other name kills that child. */
    static final List<Fault> FAULTS = List.of(
            new Fault(0.08, "kill -9 the Kafka broker", LocalKafka.NAME),
            new Fault(0.20, "kill -9 registry-service", "registry-service"),
            new Fault(0.32, "kill -9 workforce-service", "workforce-service"),
            new Fault(0.44, "restart PostgreSQL", "postgresql"),
            new Fault(0.56, "kill -9 referral-service", "referral-service"),
            new Fault(0.68, "kill -9 funding-service", "funding-service"),
            new Fault(0.80, "kill -9 the Kafka broker again", LocalKafka.NAME));

    @Test
    void everyAcknowledgedWriteSurvivesKillsAndRestarts() throws Exception {
        int writes = Integer.getInteger("pcn.chaos.writes", 10_000);
        int threads = Integer.getInteger("pcn.chaos.clients", 12);
        Path repo = Path.of(System.getProperty("pcn.repo", "../..")).toAbsolutePath().normalize();
        List<String> log = new ArrayList<>();
        ChildProcesses children = new ChildProcesses(ChildProcesses.printingTo(System.out, log));
        StringBuilder report = new StringBuilder();
        boolean passed = false;
        try (ChaosPlatform platform = new ChaosPlatform(repo, children)) {
            long started = System.nanoTime();
            platform.start();
            report.append(line("platform started (broker + 4 services)", seconds(System.nanoTime() - started)));

            ChaosLoad load = new ChaosLoad(platform, writes);
            List<ChaosLoad.Write> setup = load.setup();
            awaitNetworksKnown(platform);
            System.out.println("[chaos] setup done: " + setup.size() + " writes; " + writes + " writes from "
                    + threads + " clients now, with faults");

            List<String> faults = new ArrayList<>();
            Thread controller = new Thread(() -> strike(platform, load, writes, threads, faults), "chaos-faults");
            controller.setDaemon(true);
            long loadStart = System.nanoTime();
            controller.start();
            List<ChaosLoad.Write> results = load.run(writes, threads);
            long loadNanos = System.nanoTime() - loadStart;
            controller.join(TimeUnit.MINUTES.toMillis(5));
            System.out.println("[chaos] load done in " + seconds(loadNanos));

            ChaosChecks checks = new ChaosChecks(platform);
            Duration drain = checks.awaitDrained(Duration.ofMinutes(10));
            System.out.println("[chaos] drained in " + drain.toMillis() / 1000.0 + " s");

            List<ChaosLoad.Write> all = new ArrayList<>(setup);
            all.addAll(results);
            checks.acknowledgedWritesArePresent(all);
            Map<String, Map<String, Integer>> topics = checks.readTopics();
            checks.everyOutboxRowIsOnItsTopicOnce(topics);
            platform.startFreshConsumers();
            Duration rebuild = checks.awaitFreshConsumersCaughtUp(Duration.ofMinutes(10));
            checks.readModelsEqualFreshConsumers(topics);

            long acknowledged = results.stream().filter(ChaosLoad.Write::acknowledged).count();
            report.append(line("writes in the load (after " + setup.size() + " setup writes)", writes));
            report.append(line("client threads", threads));
            report.append(line("writes acknowledged (2xx, or 409 to a unique-key re-send after a lost answer)",
                    acknowledged));
            ChaosLoad.tally(results).forEach((kind, outcomes) -> report.append(line("  " + kind, outcomes)));
            report.append(line("HTTP answers by status", load.statuses));
            report.append(line("requests refused at connect (re-sent) / answers lost", load.requests.get(0) + " / "
                    + load.requests.get(4)));
            report.append(line("load duration", seconds(loadNanos)));
            report.append(line("faults", faults.size()));
            faults.forEach(f -> report.append("  ").append(f).append('\n'));
            long restarts = log.stream().filter(m -> m.contains(" restarted (restart ")).count();
            report.append(line("restarts by the supervisor", restarts));
            report.append(line("time to drain after the load (outboxes published, consumers at the end)",
                    drain.toMillis() / 1000.0 + " s"));
            report.append(line("fresh consumers rebuilt their read models in", rebuild.toMillis() / 1000.0 + " s"));
            checks.figures.forEach((k, v) -> report.append(line(k, v)));
            report.append(line("problems", checks.problems.size()));
            checks.problems.forEach(p -> report.append("  ").append(p).append('\n'));
            System.out.println("\n[chaos] report\n" + report);
            Files.writeString(repo.resolve("tools/pcn-local/target/chaos-report.txt"), "run " + platform.run + " at "
                    + Instant.now() + "\n" + report);

            assertThat(faults).as("every fault struck during the load").hasSize(FAULTS.size());
            assertThat(checks.problems).as("the chaos run's findings").isEmpty();
            assertThat(acknowledged).as("most writes acknowledged").isGreaterThan(writes * 9L / 10);
            passed = true;
            if (!Boolean.getBoolean("pcn.chaos.keep")) {
                platform.close();
                platform.dropData();
            }
        } finally {
            if (!passed) {
                System.out.println("[chaos] the databases and broker data of the run are kept to look at "
                        + "(tools/pcn-local/target/chaos/, databases chaos_*)");
            }
        }
    }

    /**
     * Strikes each fault once its share of the writes has completed, while the clients still have writes to send
     * (a margin past the fault's point); holds the clients at the margin until the platform has recovered, so each
     * fault strikes with writes in flight and none strikes while the previous one is still being recovered from.
     */
    private static void strike(ChaosPlatform platform, ChaosLoad load, int writes, int threads, List<String> done) {
        int margin = Math.max(writes * 4 / 100, threads * 3);
        try {
            load.gate = (int) (FAULTS.get(0).at() * writes) + margin;
            for (int k = 0; k < FAULTS.size(); k++) {
                Fault fault = FAULTS.get(k);
                while (load.completed.get() < fault.at() * writes) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                int at = load.completed.get();
                long start = System.nanoTime();
                if (fault.child().equals("postgresql")) {
                    ChaosPlatform.restartPostgres();
                } else {
                    platform.children.kill(fault.child());
                }
                System.out.println("[chaos] " + fault.what() + " at write " + at);
                awaitRecovered(platform, fault);
                int during = load.completed.get() - at;
                load.gate = k + 1 < FAULTS.size() ? (int) (FAULTS.get(k + 1).at() * writes) + margin
                        : Integer.MAX_VALUE;
                String entry = fault.what() + " at write " + at + ": back in " + seconds(System.nanoTime() - start)
                        + ", " + during + " writes completed meanwhile";
                System.out.println("[chaos] " + entry);
                synchronized (done) {
                    done.add(entry);
                }
            }
        } catch (Exception e) {
            System.out.println("[chaos] the fault controller stopped: " + e);
        } finally {
            load.gate = Integer.MAX_VALUE;
        }
    }

    private static void awaitRecovered(ChaosPlatform platform, Fault fault) throws Exception {
        if (fault.child().equals(LocalKafka.NAME)) {
            while (!platform.children.alive(LocalKafka.NAME)) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            platform.kafka.awaitReady(Duration.ofMinutes(3));
            return;
        }
        for (ChaosPlatform.Running r : platform.services.values()) {
            if (fault.child().equals("postgresql") || fault.child().equals(r.service().name())) {
                while (!platform.children.alive(r.service().name())) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                ChaosPlatform.awaitReady(r, Duration.ofMinutes(3));
            }
        }
    }

    /** Waits until every consumer knows every setup network and its practices (else writes would be refused). */
    private static void awaitNetworksKnown(ChaosPlatform platform) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (String consumer : ChaosChecks.CONSUMED.keySet()) {
            while (true) {
                try (Connection c = platform.connect(platform.services.get(consumer));
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM known_network), "
                                + "(SELECT count(*) FROM known_membership)")) {
                    rs.next();
                    if (rs.getInt(1) >= ChaosLoad.NETWORKS
                            && rs.getInt(2) >= ChaosLoad.NETWORKS * ChaosLoad.PRACTICES_PER_NETWORK) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(consumer + " did not learn the setup networks");
                }
                TimeUnit.MILLISECONDS.sleep(300);
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafka.bootstrapServers()))) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        }
    }

    private static String line(String name, Object value) {
        return String.format("%-100s %s%n", name, value);
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
