package uk.nhs.pcn.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import kafka.tools.StorageTool;
import uk.nhs.pcn.testsupport.KraftBrokerConfig;
import uk.nhs.pcn.testsupport.PublicTopics;

/**
 * A single-node KRaft broker run as its own process from the jars Maven resolved, its data kept under
 * {@code .pcn/kafka} between runs (the cluster id is kept too: a data directory cannot be re-formatted with
 * another one).
 */
final class LocalKafka {

    private final Path dir;
    private final int port;
    private final int controllerPort;

    LocalKafka(Path stateDir, int port) {
        this.dir = stateDir.resolve("kafka");
        this.port = port;
        this.controllerPort = port + 1;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    void start(ChildProcesses children, Path logDir) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Properties properties = KraftBrokerConfig.properties(port, controllerPort, data);
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "written by ./pcn up");
        }
        if (!Files.exists(data.resolve("meta.properties"))) {
            Path clusterIdFile = dir.resolve("cluster-id");
            String clusterId = Files.exists(clusterIdFile) ? Files.readString(clusterIdFile).strip()
                    : Uuid.randomUuid().toString();
            Files.writeString(clusterIdFile, clusterId);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] { "format", "-t", clusterId, "-c", config.toString() },
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("Kafka storage format failed: " + output);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        children.start(NAME, List.of(java, "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp",
                classPath(), "kafka.Kafka", config.toString()), Map.of(), logDir.resolve("kafka.log"),
                this::announceWhenReady);
        awaitReady(Duration.ofSeconds(60));
    }

    /** The child's name in {@link ChildProcesses}. */
    static final String NAME = "kafka";

    /**
     * The broker's class path: this JVM's, unless it is a test JVM whose class path is one manifest-only jar (then
     * the class path Maven wrote at package time, {@code target/classpath.txt}, with this module's classes).
     */
    private static String classPath() {
        String own = System.getProperty("java.class.path");
        if (!own.contains("surefirebooter")) {
            return own;
        }
        try {
            Path module = Path.of(System.getProperty("pcn.local.module", "."));
            return module.resolve("target/classes") + java.io.File.pathSeparator
                    + Files.readString(module.resolve("target/classpath.txt")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("Run ./mvnw package first: no target/classpath.txt for the broker", e);
        }
    }

    private void announceWhenReady() {
        Thread watcher = new Thread(() -> {
            try {
                awaitReady(Duration.ofSeconds(120));
                System.out.println("  kafka ready again on " + bootstrapServers());
            } catch (IllegalStateException e) {
                System.err.println(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pcn-ready-kafka");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Waits until the broker answers (declaring the public topics); a broker that dies meanwhile is restarted. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                PublicTopics.declare(admin);
                return;
            } catch (Exception e) {
                TimeUnit.MILLISECONDS.sleep(300);
            }
        }
        throw new IllegalStateException("Kafka did not become ready in " + timeout + "; see .pcn/logs/kafka.log");
    }
}
