package uk.nhs.pcn.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import uk.nhs.pcn.testsupport.JwtSigner;
import uk.nhs.pcn.testsupport.PostgresServer;

/**
 * The whole platform as separate processes for the chaos run: the Kafka broker (a child JVM, {@link LocalKafka}) and
 * every service from its packaged jar ({@code target/quarkus-app/quarkus-run.jar}), all supervised by
 * {@link ChildProcesses} so a killed one is restarted. Each run has its own databases on the local PostgreSQL (named
 * {@code chaos_<run>_<service>}, never anyone else's), its own broker data directory and its own ports.
 */
final class ChaosPlatform implements AutoCloseable {

    /** Ports well away from ./pcn up's (8081-8084, 9092). */
    static final int FIRST_SERVICE_PORT = 18181;
    static final int KAFKA_PORT = 19192;
    /** The fresh consumers that rebuild the read models after the run. */
    static final int FIRST_FRESH_PORT = 18281;

    /** A service as the chaos run starts it: its name in {@link PlatformService#ALL}, its port and database. */
    record Running(PlatformService service, int port, String jdbcUrl) {
        String baseUrl() {
            return "http://localhost:" + port;
        }
    }

    final String run = "chaos_" + UUID.randomUUID().toString().substring(0, 8);
    final Path repo;
    final Path state;
    final PostgresServer postgres;
    final JwtSigner signer;
    final LocalKafka kafka;
    final ChildProcesses children;
    final Map<String, Running> services = new LinkedHashMap<>();
    final Map<String, Running> fresh = new LinkedHashMap<>();
    private final List<String> databases = new ArrayList<>();
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    ChaosPlatform(Path repo, ChildProcesses children) throws IOException {
        this.repo = repo;
        this.state = repo.resolve("tools/pcn-local/target/chaos").resolve(run);
        Files.createDirectories(state.resolve("logs"));
        this.children = children;
        this.postgres = PostgresServer.find("PCN_JDBC_URL", "PCN_JDBC_USER", "PCN_JDBC_PASSWORD");
        this.signer = JwtSigner.inDirectory(state.resolve("jwt"));
        this.kafka = new LocalKafka(state, KAFKA_PORT);
    }

    /** The services this chaos run drives: the four with write APIs and consumers (not a web front end). */
    static List<PlatformService> drivenServices() {
        List<String> names = List.of("registry-service", "workforce-service", "referral-service", "funding-service");
        return PlatformService.ALL.stream().filter(s -> names.contains(s.name())).toList();
    }

    void start() throws Exception {
        System.out.println("[chaos] run " + run + ": PostgreSQL " + postgres.description() + ", Kafka on "
                + kafka.bootstrapServers() + ", state in " + state);
        kafka.start(children, state.resolve("logs"));
        int port = FIRST_SERVICE_PORT;
        for (PlatformService service : drivenServices()) {
            Path jar = service.runnableJar(repo);
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run ./mvnw -B package -DskipTests first");
            }
            String db = database(service, "");
            Running r = new Running(service, port++, db);
            services.put(service.name(), r);
            children.start(service.name(), command(jar), environment(r, Map.of()),
                    state.resolve("logs").resolve(service.name() + ".log"));
        }
        for (Running r : services.values()) {
            awaitReady(r, Duration.ofMinutes(4));
            System.out.println("[chaos] " + r.service().name() + " ready on " + r.baseUrl());
        }
    }

    /**
     * Fresh consumers: a new instance of each consuming service with an empty database, its own consumer group and
     * its outbox relay off (it must publish nothing), reading the topics from the first record.
     */
    void startFreshConsumers() throws Exception {
        int port = FIRST_FRESH_PORT;
        for (PlatformService service : drivenServices()) {
            if (service.name().equals("registry-service")) {
                continue; // consumes nothing
            }
            String db = database(service, "_fresh");
            Running r = new Running(service, port++, db);
            fresh.put(service.name(), r);
            String group = service.name() + "-fresh-" + run;
            Map<String, String> extra = new HashMap<>();
            // Only for the channels the service has: a variable for a channel it lacks reads as a broken channel.
            extra.put("MP_MESSAGING_INCOMING_REGISTRY_EVENTS_GROUP_ID", group);
            if (ChaosChecks.CONSUMED.get(service.name()).contains(uk.nhs.pcn.events.Topics.WORKFORCE)) {
                extra.put("MP_MESSAGING_INCOMING_WORKFORCE_EVENTS_GROUP_ID", group);
            }
            extra.put("PCN_OUTBOX_ENABLED", "false");
            children.start(service.name() + "-fresh", command(service.runnableJar(repo)), environment(r, extra),
                    state.resolve("logs").resolve(service.name() + "-fresh.log"));
        }
        for (Running r : fresh.values()) {
            awaitReady(r, Duration.ofMinutes(4));
        }
    }

    private List<String> command(Path jar) {
        return List.of(java, "-Xmx384m", "-jar", jar.toString());
    }

    private String database(PlatformService service, String suffix) {
        String name = run + "_" + service.name().replace("-service", "") + suffix;
        databases.add(name);
        return postgres.createDatabaseIfAbsent(name);
    }

    private Map<String, String> environment(Running r, Map<String, String> extra) throws IOException {
        PlatformService service = r.service();
        Map<String, String> env = new HashMap<>();
        env.put(service.envPrefix() + "_JDBC_URL", r.jdbcUrl());
        env.put(service.envPrefix() + "_DB_USER", postgres.user());
        env.put(service.envPrefix() + "_DB_PASSWORD", postgres.password());
        env.put(service.envPrefix() + "_PORT", Integer.toString(r.port()));
        env.put("PCN_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PCN_JWT_PUBLIC_KEY", state.resolve("jwt").resolve("jwt-public.pem").toUri().toString());
        env.put("PCN_JWT_ISSUER", JwtSigner.ISSUER);
        if (service.name().equals("referral-service")) {
            env.put(PseudonymKey.VARIABLE, PseudonymKey.inDirectory(state.resolve("referral-service")));
        }
        env.putAll(extra);
        return env;
    }

    static void awaitReady(Running r, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(r.baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException(r.service().name() + " on " + r.port() + " was not ready in " + timeout);
    }

    Connection connect(Running r) throws SQLException {
        return DriverManager.getConnection(r.jdbcUrl(), postgres.user(), postgres.password());
    }

    /**
     * Restarts the local PostgreSQL cluster (every connection of every service drops). Needs the Debian
     * {@code pg_ctlcluster}; the cluster is {@code PCN_CHAOS_PG_CLUSTER} ("15 main" unless set).
     */
    static void restartPostgres() throws IOException, InterruptedException {
        String[] cluster = System.getenv().getOrDefault("PCN_CHAOS_PG_CLUSTER", "15 main").split(" ");
        Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", cluster[0], cluster[1],
                "restart").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_ctlcluster restart failed: " + out);
        }
    }

    /** Drops this run's databases and broker data (kept when the run failed, to look at). */
    void dropData() {
        for (String db : databases) {
            try {
                postgres.dropDatabase(postgres.urlOf(db));
            } catch (RuntimeException e) {
                System.out.println("[chaos] could not drop " + db + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        children.stopAll();
    }
}
