package uk.nhs.pcn.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PausableTcpProxyTest {

    private static final String TOPIC = "proxy-test";

    @Test
    void aPausedBrokerHoldsAClientsSendUntilItResumesAndTheRetriedSendIsWrittenOnce() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        PausableTcpProxy proxy = broker.pausable();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServersThroughProxy());
        // Short request timeout: the producer gives up on its request and sends it again while paused.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1500");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        try (TopicRecorder topic = TopicRecorder.fromNow(TOPIC);
                var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record("before")).get(30, TimeUnit.SECONDS);
            assertThat(proxy.connectionsAccepted()).as("connections through the proxy").isPositive();

            proxy.pause();
            Future<RecordMetadata> held;
            try {
                Future<RecordMetadata> sent = producer.send(record("during"));
                held = sent;
                // Held for more than two request timeouts: had the producer found its way to the broker around the
                // proxy, the send would be done within them.
                org.awaitility.Awaitility.await("a send while the broker is paused stays pending")
                        .during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> !sent.isDone());
            } finally {
                proxy.resume();
            }

            held.get(30, TimeUnit.SECONDS);
            assertThat(topic.drain(Duration.ofSeconds(2))).extracting(RecordedEvent::key)
                    .containsExactlyInAnyOrder("before", "during");
        }
    }

    private static ProducerRecord<String, byte[]> record(String key) {
        return new ProducerRecord<>(TOPIC, key, "{}".getBytes(StandardCharsets.UTF_8));
    }
}
