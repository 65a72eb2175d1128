package uk.nhs.pcn.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import uk.nhs.pcn.testsupport.KafkaBroker;

class PublicTopicsTest {

    @Test
    void everyPartitionOfEveryPublicTopicIsReadFromTheStartAndDeadLettersAreLeftOut() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopics(3, "pcn.reader.v1", "pcn.reader.v1.dlq.someone", "other.reader.v1");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int partition = 0; partition < 3; partition++) {
                producer.send(new ProducerRecord<>("pcn.reader.v1", partition, "U0000" + partition, bytes("{}")))
                        .get();
            }
            producer.send(new ProducerRecord<>("pcn.reader.v1.dlq.someone", "U00001", bytes("{}"))).get();
            producer.send(new ProducerRecord<>("other.reader.v1", "U00001", bytes("{}"))).get();
        }

        assertThat(PublicTopics.readAll(broker.bootstrapServers()))
                .filteredOn(r -> r.topic().contains("reader"))
                .extracting(ConsumerRecord::topic, ConsumerRecord::partition, ConsumerRecord::offset)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("pcn.reader.v1", 0, 0L),
                        org.assertj.core.groups.Tuple.tuple("pcn.reader.v1", 1, 0L),
                        org.assertj.core.groups.Tuple.tuple("pcn.reader.v1", 2, 0L));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
