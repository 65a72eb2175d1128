package uk.nhs.pcn.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another service of the platform running as its packaged jar ({@code <module>/target/quarkus-app/quarkus-run.jar},
 * built earlier in the reactor) beside the service under test: its own fresh database, the shared test broker, the
 * test token key, a free port. For end-to-end tests through the real broker.
 */
public final class PackagedService implements AutoCloseable {

    private final String name;
    private final Process process;
    private final String jdbcUrl;
    private final int port;
    private final Path log;

    private PackagedService(String name, Process process, String jdbcUrl, int port, Path log) {
        this.name = name;
        this.process = process;
        this.jdbcUrl = jdbcUrl;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the module's jar and waits until it is ready.
     *
     * @param module the module folder beside the one under test, e.g. {@code registry-service}
     */
    public static PackagedService start(String module) {
        return start(module, Map.of());
    }

    /**
     * Starts the module's jar with extra environment variables (e.g. referral-service's
     * {@code PCN_REFERRAL_PSEUDONYM_KEY}, which it has no default for outside dev and tests) and waits until it is
     * ready.
     */
    public static PackagedService start(String module, Map<String, String> extraEnvironment) {
        Path jar = Path.of("..", module, "target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(module + " must be packaged first (./mvnw verify builds it before this "
                    + "module; or ./mvnw -B -o package -DskipTests -pl " + module + " -am): no " + jar);
        }
        String prefix = "PCN_" + module.replaceFirst("-service$", "").toUpperCase(Locale.ROOT).replace('-', '_');
        PostgresServer postgres = PostgresServer.locate();
        String jdbcUrl = postgres.createDatabase("pcn_e2e_" + module.replaceFirst("-service$", "").replace('-', '_'));
        int port = KraftBrokerConfig.freePort();
        Path log = Path.of("target", "e2e-" + module + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put(prefix + "_JDBC_URL", jdbcUrl);
        env.put(prefix + "_DB_USER", postgres.user());
        env.put(prefix + "_DB_PASSWORD", postgres.password());
        env.put(prefix + "_PORT", Integer.toString(port));
        env.put("PCN_KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.shared().bootstrapServers());
        env.put("PCN_JWT_PUBLIC_KEY", TestTokens.publicKeyLocation());
        env.put("PCN_JWT_ISSUER", JwtSigner.ISSUER);
        env.putAll(extraEnvironment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            postgres.dropDatabase(jdbcUrl);
            throw new IllegalStateException("Could not start " + jar, e);
        }
        PackagedService service = new PackagedService(module, process, jdbcUrl, port, log);
        // 90 s unless the suite allows more (pcn.test.packaged-service.ready-seconds): a module that starts several
        // services at once on a busy machine needs it.
        service.awaitReady(Duration.ofSeconds(Long.getLong("pcn.test.packaged-service.ready-seconds", 90)));
        return service;
    }

    public int port() {
        return port;
    }

    /** The process id, e.g. for a test that stops the service behind another application's back. */
    public long pid() {
        return process.pid();
    }

    public String baseUri() {
        return "http://localhost:" + port;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the process and drops its database. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PostgresServer.locate().dropDatabase(jdbcUrl);
    }
}
