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
        children.start("kafka", List.of(java, "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp",
                System.getProperty("java.class.path"),
                "kafka.Kafka", config.toString()), Map.of(), logDir.resolve("kafka.log"));
        awaitReady(Duration.ofSeconds(60), children);
    }

    private void awaitReady(Duration timeout, ChildProcesses children) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (children.exited() != null) {
                throw new IllegalStateException("Kafka exited during start-up; see .pcn/logs/kafka.log");
            }
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
