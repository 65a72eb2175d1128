package uk.nhs.pcn.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void aRecordSentBeforeAStopIsStillThereAfterARestartOnTheSamePort() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("broker-test", "U00001", "{}".getBytes(StandardCharsets.UTF_8))).get();
        }
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        broker.start();
        try (TopicRecorder recorder = TopicRecorder.fromBeginning("broker-test")) {
            assertThat(recorder.await(1, Duration.ofSeconds(20)).get(0).key()).isEqualTo("U00001");
        }
    }

    @Test
    void createsAndDropsAFreshDatabase() throws Exception {
        PostgresServer server = PostgresServer.locate();
        String url = server.createDatabase("pcn_support_test");
        try (var c = java.sql.DriverManager.getConnection(url, server.user(), server.password())) {
            assertThat(c.isValid(2)).isTrue();
        }
        server.dropDatabase(url);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> java.sql.DriverManager.getConnection(url, server.user(), server.password()))
                .hasMessageContaining("does not exist");
    }
}
