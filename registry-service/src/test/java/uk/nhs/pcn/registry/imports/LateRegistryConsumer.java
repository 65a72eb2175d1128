package uk.nhs.pcn.registry.imports;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nhs.pcn.events.Topics;

/**
 * What a system that joins later does: a plain Kafka consumer with a new group, reading {@code pcn.registry.v1}
 * from the first offset to the end and folding the events into networks and current memberships. It knows nothing
 * of the registry but the public contract.
 */
record LateRegistryConsumer(Set<String> networks, Map<String, String> names, Set<String> currentMemberships) {

    /** A practice's spells in one network, from its join and leave events (dates decide, not arrival order). */
    private static final class Spells {
        LocalDate lastJoined;
        LocalDate lastLeft;

        boolean current() {
            return lastJoined != null && (lastLeft == null || lastJoined.isAfter(lastLeft));
        }
    }

    static LateRegistryConsumer readFromTheFirstEvent(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "late-joiner-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        ObjectMapper json = new ObjectMapper();
        Map<String, String> names = new HashMap<>();
        Map<String, Spells> spells = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REGISTRY).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Did not reach the end of " + Topics.REGISTRY + " in 60 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String type = new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
                    JsonNode body = read(json, record.value());
                    String network = body.path("networkCode").asText(record.key());
                    switch (type) {
                        case "uk.nhs.pcn.registry.NetworkRegistered.v1", "uk.nhs.pcn.registry.NetworkRenamed.v1" ->
                            names.put(record.key(), body.path("name").asText());
                        case "uk.nhs.pcn.registry.PracticeJoinedNetwork.v1" -> {
                            Spells s = spells.computeIfAbsent(body.path("practiceCode").asText() + ">" + network,
                                    k -> new Spells());
                            s.lastJoined = later(s.lastJoined, body.path("effectiveDate"));
                        }
                        case "uk.nhs.pcn.registry.PracticeLeftNetwork.v1" -> {
                            Spells s = spells.computeIfAbsent(body.path("practiceCode").asText() + ">" + network,
                                    k -> new Spells());
                            s.lastLeft = later(s.lastLeft, body.path("effectiveDate"));
                        }
                        default -> {
                            // other event types carry nothing this consumer folds
                        }
                    }
                }
            }
        }
        Set<String> current = spells.entrySet().stream().filter(e -> e.getValue().current()).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return new LateRegistryConsumer(names.keySet(), names, current);
    }

    private static LocalDate later(LocalDate known, JsonNode date) {
        LocalDate value = LocalDate.parse(date.asText());
        return known == null || value.isAfter(known) ? value : known;
    }

    private static JsonNode read(ObjectMapper json, byte[] value) {
        try {
            return json.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A record on the public topic is not JSON", e);
        }
    }
}
