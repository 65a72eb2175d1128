package uk.nhs.pcn.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.events.EventJson;

/**
 * Records what is published on a topic from the moment it is opened, for assertions. Reads every partition
 * without a consumer group, so it never disturbs the services' own consumers.
 */
public final class TopicRecorder implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<RecordedEvent> records = new ArrayList<>();

    private TopicRecorder(String bootstrapServers, String topic, boolean fromBeginning) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        KafkaBroker.shared().createTopics(3, topic);
        List<TopicPartition> partitions = partitions(topic);
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30))); // fix the start point now
    }

    /** The topic's partitions, once the broker's metadata has them (a topic just created may not be there yet). */
    private List<TopicPartition> partitions(String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (!partitions.isEmpty() || System.nanoTime() > deadline) {
                return partitions;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return partitions;
            }
        }
    }

    /** Records what is published from now on, on the shared test broker. */
    public static TopicRecorder fromNow(String topic) {
        return new TopicRecorder(KafkaBroker.shared().bootstrapServers(), topic, false);
    }

    public static TopicRecorder fromBeginning(String topic) {
        return new TopicRecorder(KafkaBroker.shared().bootstrapServers(), topic, true);
    }

    /** Waits until at least {@code count} records match, failing with what was seen after {@code timeout}. */
    public List<RecordedEvent> await(Predicate<RecordedEvent> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<RecordedEvent> matching = records.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " matching records within " + timeout + " but saw "
                        + matching.size() + "; all records: " + records);
            }
            poll(Duration.ofMillis(100));
        }
    }

    public List<RecordedEvent> await(int count, Duration timeout) {
        return await(r -> true, count, timeout);
    }

    /** Everything recorded so far, after draining what the broker has now. */
    public List<RecordedEvent> drain(Duration quietPeriod) {
        long deadline = System.nanoTime() + quietPeriod.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(100));
        }
        return List.copyOf(records);
    }

    private void poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            Map<String, String> headers = new HashMap<>();
            for (Header h : r.headers()) {
                headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
            JsonNode body;
            try {
                body = r.value() == null ? null : EventJson.mapper().readTree(r.value());
            } catch (java.io.IOException e) {
                body = null;
            }
            records.add(new RecordedEvent(r.topic(), r.partition(), r.offset(), r.key(), headers, r.value(), body));
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
