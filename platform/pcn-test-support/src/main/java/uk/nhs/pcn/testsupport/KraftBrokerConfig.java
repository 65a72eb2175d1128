package uk.nhs.pcn.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Properties of a single-node Kafka broker in KRaft mode (broker and controller in one process), tuned to start
 * quickly on a small machine. Used by the in-JVM test broker and by the local platform's broker process.
 */
public final class KraftBrokerConfig {

    private KraftBrokerConfig() {
    }

    public static Properties properties(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "true");
        // The public topics are the system of record: a consumer that starts years later builds its state from
        // offset 0, so nothing expires by age or size (Kafka's default is 7 days). PublicTopics also sets this on
        // each public topic itself. Dead-letter topics keep 90 days in deploy/; here they keep everything too.
        p.setProperty("log.retention.ms", "-1");
        p.setProperty("log.retention.bytes", "-1");
        // One node: every internal topic has one replica; few partitions keep start-up fast.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.flush.interval.messages", "1000");
        return p;
    }

    /**
     * Adds a second client listener, on {@code listenerPort}, that advertises {@code advertisedPort} instead: a
     * proxy listening there and forwarding to {@code listenerPort} then stays between its clients and the broker.
     * A Kafka client connects to the addresses in the metadata of the listener it reached, so without a listener
     * of its own the proxy's clients would be sent straight to the broker's main port after their first request.
     */
    public static Properties withProxiedListener(Properties broker, int listenerPort, int advertisedPort) {
        Properties p = new Properties();
        p.putAll(broker);
        p.setProperty("listeners", broker.getProperty("listeners") + ",PROXIED://localhost:" + listenerPort);
        p.setProperty("advertised.listeners",
                broker.getProperty("advertised.listeners") + ",PROXIED://localhost:" + advertisedPort);
        p.setProperty("listener.security.protocol.map",
                broker.getProperty("listener.security.protocol.map") + ",PROXIED:PLAINTEXT");
        return p;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
