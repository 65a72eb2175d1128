package uk.nhs.pcn.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka broker (KRaft) running inside this JVM, on free ports. One instance is shared by all
 * tests in a JVM ({@link #shared()}). It can be stopped and started again on the same ports and data, so tests
 * can prove that events written while the broker was down are published once it is back, and reached through a
 * {@link PausableTcpProxy} that a test can pause as if the broker's process hung.
 * <p>
 * Kafka's server classes are internal APIs; they are used here and nowhere else.
 */
public final class KafkaBroker implements AutoCloseable {

    private static KafkaBroker shared;

    private final int port;
    private final int controllerPort;
    private final PausableTcpProxy proxy;
    private final Path logDir;
    private final Properties properties;
    private KafkaRaftServer server;

    private KafkaBroker() {
        this.port = KraftBrokerConfig.freePort();
        this.controllerPort = KraftBrokerConfig.freePort();
        int proxiedPort = KraftBrokerConfig.freePort();
        this.proxy = new PausableTcpProxy(KraftBrokerConfig.freePort(), new InetSocketAddress("localhost", proxiedPort));
        try {
            this.logDir = Files.createTempDirectory("pcn-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.properties = KraftBrokerConfig.withProxiedListener(
                KraftBrokerConfig.properties(port, controllerPort, logDir), proxiedPort, proxy.port());
        format();
    }

    /** The broker shared by every test in this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = new KafkaBroker();
            shared.start();
            try (Admin admin = shared.admin()) {
                PublicTopics.declare(admin);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-broker-shutdown"));
        }
        return shared;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /**
     * The way to this broker through a {@link PausableTcpProxy}, which a test can pause as if the broker's process
     * were stopped: point a client at {@link PausableTcpProxy#port()} on localhost. The broker advertises the proxy
     * on the listener behind it, so the client stays behind the proxy. Started on first use.
     */
    public PausableTcpProxy pausable() {
        return proxy.start();
    }

    /** Bootstrap servers for a client that should reach the broker only through {@link #pausable()}. */
    public String bootstrapServersThroughProxy() {
        return "localhost:" + pausable().port();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        KafkaConfig config = KafkaConfig.fromProps(properties, false);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
    }

    /** Stops the broker, keeping its data, as an outage would. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** Creates topics if they do not exist yet (normally they are created on first use). */
    public void createTopics(int partitions, String... topics) {
        try (Admin admin = admin()) {
            List<NewTopic> newTopics = Stream.of(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            admin.createTopics(newTopics).values().values().forEach(f -> {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    @Override
    public synchronized void close() {
        proxy.close();
        stop();
        try (Stream<Path> files = Files.walk(logDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary directory; best effort
        }
    }

    private void format() {
        Path config = logDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "in-JVM test broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString() }, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("Kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException("Kafka broker did not become ready in " + timeout, last);
    }
}
