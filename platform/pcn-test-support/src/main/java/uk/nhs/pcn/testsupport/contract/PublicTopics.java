package uk.nhs.pcn.testsupport.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything on a broker's public topics, read as a newcomer would: every partition of every {@code pcn.*} topic
 * from offset 0 to its end at the time of reading. Dead-letter topics ({@code <topic>.dlq.<consumer>}) are not
 * public and are left out. No consumer group is used, so nobody's offsets move.
 */
public final class PublicTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PublicTopics() {
    }

    public static boolean isPublic(String topic) {
        return topic.startsWith("pcn.") && !topic.contains(".dlq.");
    }

    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers) {
        List<TopicPartition> partitions = publicPartitions(bootstrapServers);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        if (partitions.isEmpty()) {
            return records;
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read the public topics to their end within " + TIMEOUT
                            + "; read " + records.size() + " records of " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<TopicPartition> publicPartitions(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> topics = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                    .filter(PublicTopics::isPublic).sorted().toList();
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return topics.stream().flatMap(t -> descriptions.get(t).partitions().stream()
                    .map(p -> new TopicPartition(t, p.partition()))).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list the topics on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
