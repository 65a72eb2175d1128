package uk.nhs.pcn.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import uk.nhs.pcn.testsupport.JwtSigner;
import uk.nhs.pcn.testsupport.PostgresServer;

/**
 * The local platform, for {@code ./pcn}: {@code up [--demo]}, {@code demo}, {@code token}, {@code reset}. Needs
 * only a JDK: Kafka runs from Maven-resolved jars, PostgreSQL is the local server or {@code PCN_JDBC_URL} or an
 * embedded one.
 */
public final class PcnLocal {

    private final Path repo;
    private final Path state;

    private PcnLocal(Path repo) {
        this.repo = repo;
        this.state = repo.resolve(".pcn");
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("pcn.repo", ".")).toAbsolutePath().normalize();
        PcnLocal local = new PcnLocal(repo);
        String command = args.length == 0 ? "help" : args[0];
        List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        switch (command) {
            case "up" -> local.up(options.contains("--demo"));
            case "demo" -> local.demo();
            case "token" -> System.out.println(local.token(options));
            case "reset" -> {
                if (!local.reset(options.contains("--yes"))) {
                    System.exit(1);
                }
            }
            default -> {
                System.out.println("""
                        Usage: ./pcn <command>
                          up [--demo]   build and run the whole platform locally; a broker or service that dies is
                                        restarted, the others carry on (Ctrl-C stops it all)
                          demo          load the demo data into the running platform (national reference data,
                                        staff, payments, social prescribing referrals of made-up people)
                          token [--role ROLE] [--networks U45102,...] [--practice A83005,...] [--staff REF,...]
                                        print a development bearer token (valid 12 hours). ROLE: commissioner
                                        (the default), pcn-manager, finance, viewer, link-worker and ig-lead (with
                                        --networks), referrer (with --practice: the practices it refers for);
                                        --staff: the holder's own workforce staff references (a link worker's
                                        caseload page then lists their own referrals)
                          reset [--yes] delete all local platform data, after asking (--yes: without asking):
                                        the databases pcn_registry, pcn_workforce, pcn_referral and pcn_funding,
                                        and the local Kafka broker's data (.pcn/kafka); stop ./pcn up first
                          test          run the full test suite (same as ./mvnw verify)""");
            }
        }
    }

    private void up(boolean demo) throws Exception {
        Path logs = state.resolve("logs");
        Files.createDirectories(logs);
        JwtSigner signer = JwtSigner.inDirectory(state.resolve("jwt"));
        Path publicKey = state.resolve("jwt").resolve("jwt-public.pem");

        ChildProcesses children = new ChildProcesses();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the platform ...");
            children.stopAll();
            stopped.countDown();
        }, "pcn-shutdown"));

        System.out.println("PostgreSQL ...");
        PostgresServer postgres = PostgresServer.find("PCN_JDBC_URL", "PCN_JDBC_USER", "PCN_JDBC_PASSWORD");
        System.out.println("  using " + postgres.description());

        int kafkaPort = Integer.parseInt(System.getenv().getOrDefault("PCN_KAFKA_PORT", "9092"));
        LocalKafka kafka = new LocalKafka(state, kafkaPort);
        System.out.println("Kafka (KRaft, single node) on " + kafka.bootstrapServers() + " ...");
        kafka.start(children, logs);

        List<PlatformService> running = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (PlatformService service : PlatformService.ALL) {
            Path jar = service.runnableJar(repo);
            if (!Files.exists(jar)) {
                continue;
            }
            String jdbcUrl = postgres.createDatabaseIfAbsent(service.database());
            Map<String, String> env = new HashMap<>();
            env.put(service.envPrefix() + "_JDBC_URL", jdbcUrl);
            env.put(service.envPrefix() + "_DB_USER", postgres.user());
            env.put(service.envPrefix() + "_DB_PASSWORD", postgres.password());
            env.put(service.envPrefix() + "_PORT", Integer.toString(service.port()));
            env.put("PCN_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("PCN_JWT_PUBLIC_KEY", publicKey.toUri().toString());
            env.put("PCN_JWT_ISSUER", JwtSigner.ISSUER);
            if (service.name().equals("referral-service")) {
                // Development only, made once per checkout: the service has no default outside dev and tests.
                env.put(PseudonymKey.VARIABLE, PseudonymKey.inDirectory(state.resolve("referral-service")));
            }
            System.out.println(service.name() + " on port " + service.port() + " ...");
            env.putAll(PlatformService.JVM_ENVIRONMENT);
            children.start(service.name(), service.command(java, jar), env,
                    logs.resolve(service.name() + ".log"), () -> announceWhenReady(service));
            running.add(service);
        }
        if (running.isEmpty()) {
            throw new IllegalStateException("No service is built; run ./mvnw install -DskipTests first");
        }
        for (PlatformService service : running) {
            awaitReady(service);
            System.out.println("  " + service.name() + " ready");
        }
        // The web view, once the services it reads are up.
        boolean portal = LocalPortal.start(repo, state, logs, java, kafka.bootstrapServers(), children);
        if (portal) {
            LocalPortal.awaitReady(children);
        }
        String token = signer.token("local-commissioner", List.of("commissioner"), List.of(), Duration.ofHours(12));
        System.out.println();
        System.out.println("The PCN platform is running. Logs: .pcn/logs/   Stop: Ctrl-C");
        System.out.println("  Kafka         " + kafka.bootstrapServers());
        for (PlatformService service : running) {
            System.out.printf("  %-17s %s/api/v1   Swagger UI %s/q/swagger-ui   health %s/q/health%n",
                    service.name(), service.baseUrl(), service.baseUrl(), service.baseUrl());
        }
        System.out.println();
        System.out.println("A commissioner token (12 hours; more with ./pcn token --role ... --networks ..."
                + " --practice ...):");
        System.out.println(token);
        if (portal) {
            LocalPortal.printLinks(DemoData.DEMO_NETWORKS);
        }
        if (demo) {
            System.out.println();
            try {
                new DemoData(dataDir(), signer).load();
            } catch (IllegalStateException | IOException e) {
                // The platform is up and usable: a demo that cannot finish says why, and stops nothing.
                System.err.println();
                System.err.println("The demo did not finish: " + e.getMessage());
                System.err.println("The platform keeps running (Ctrl-C stops it).");
            }
            if (portal) { // again, below the demo's output, where it is seen
                LocalPortal.printLinks(DemoData.DEMO_NETWORKS);
            }
        }
        // Stay up until Ctrl-C. A child that dies is restarted by the supervisor (ChildProcesses), which says so;
        // the others carry on.
        stopped.await();
    }

    /** After a restart: says when the service is ready again (or that it is not, after two minutes). */
    private static void announceWhenReady(PlatformService service) {
        Thread watcher = new Thread(() -> {
            try {
                awaitReady(service);
                System.out.println("  " + service.name() + " ready again");
            } catch (IllegalStateException e) {
                System.err.println(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pcn-ready-" + service.name());
        watcher.setDaemon(true);
        watcher.start();
    }

    private boolean reset(boolean yes) throws IOException {
        String configured = System.getenv("PCN_JDBC_URL");
        // Without a server to reset, ./pcn up runs an embedded PostgreSQL that keeps nothing: do not start one here.
        PostgresServer postgres = configured != null && !configured.isBlank() || listening("127.0.0.1", 5432)
                ? PostgresServer.find("PCN_JDBC_URL", "PCN_JDBC_USER", "PCN_JDBC_PASSWORD")
                : null;
        int kafkaPort = Integer.parseInt(System.getenv().getOrDefault("PCN_KAFKA_PORT", "9092"));
        LocalReset reset = new LocalReset(postgres, state, LocalReset.databases(), LocalReset.ports(kafkaPort));
        return reset.run(yes, new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8)), System.out);
    }

    private static boolean listening(String host, int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void demo() throws IOException, InterruptedException {
        JwtSigner signer = JwtSigner.inDirectory(state.resolve("jwt"));
        try {
            new DemoData(dataDir(), signer).load();
        } catch (IllegalStateException e) {
            System.err.println("The demo did not finish: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * A development token for any role: {@code --networks} fills {@code pcn_networks} (a PCN manager's, link worker's
     * or IG lead's networks), {@code --practice} (or {@code --practices}) fills {@code pcn_practices} (the practices a
     * referrer refers for). The subject names the role and what it covers, so a referrer's own referrals are theirs.
     */
    private String token(List<String> options) {
        String role = option(options, "--role", "commissioner");
        List<String> networks = list(option(options, "--networks", ""));
        List<String> practices = list(option(options, "--practice", option(options, "--practices", "")));
        if (role.equals("referrer") && practices.isEmpty()) {
            System.err.println("A referrer refers for the practices its token names: add --practice <ODS code>,"
                    + " e.g. --practice A83005");
            System.exit(2);
        }
        List<String> covered = new ArrayList<>(networks);
        covered.addAll(practices);
        String subject = "local-" + role + (covered.isEmpty() ? "" : "-" + String.join("-", covered));
        // --staff: the holder's own staff references (claim pcn_staff), e.g. which link worker's caseload is theirs.
        List<String> staff = list(option(options, "--staff", ""));
        return JwtSigner.inDirectory(state.resolve("jwt")).token(subject, List.of(role), networks, practices, staff,
                Duration.ofHours(12));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private Path dataDir() {
        String configured = System.getenv("PCN_DEMO_DATA");
        return configured != null ? Path.of(configured) : repo.resolve("../shared/data").normalize();
    }

    private static String option(List<String> options, String name, String fallback) {
        int i = options.indexOf(name);
        return i >= 0 && i + 1 < options.size() ? options.get(i + 1) : fallback;
    }

    /**
     * Waits up to two minutes for the service's readiness check. A service that dies meanwhile is restarted by the
     * supervisor, so this only waits.
     */
    private static void awaitReady(PlatformService service) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service.name() + " was not ready within 2 minutes; see .pcn/logs/"
                + service.name() + ".log");
    }
}
