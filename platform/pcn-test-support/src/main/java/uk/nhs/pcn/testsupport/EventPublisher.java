package uk.nhs.pcn.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;

import uk.nhs.pcn.events.CloudEventHeaders;
import uk.nhs.pcn.events.EventJson;
import uk.nhs.pcn.events.PcnEvent;

/**
 * Publishes records to the shared test broker as another service would: contract events with CloudEvents headers,
 * the same event again (a redelivery), or raw records that break the contract (poison messages).
 */
public final class EventPublisher implements AutoCloseable {

    /** The {@code ce_source} of every record sent from here: the test standing in for another service. */
    public static final String SOURCE = "/pcn/test";

    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes the event with a new id; returns the id. */
    public String publish(String topic, String key, PcnEvent event) {
        String id = UUID.randomUUID().toString();
        publish(topic, key, event, id);
        return id;
    }

    /** Publishes the event with the given id (use an earlier id to simulate a redelivery). */
    public void publish(String topic, String key, PcnEvent event, String id) {
        try {
            send(topic, key, Map.of(CloudEventHeaders.ID, id, CloudEventHeaders.TYPE, event.type(),
                    CloudEventHeaders.SUBJECT, event.subject()), EventJson.mapper().writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event and its record key. */
    public record Keyed(String key, PcnEvent event) {
    }

    /**
     * Publishes many events without waiting for each acknowledgement in turn (one flush at the end), in order per
     * key; returns their ids. For loading national-scale data quickly.
     */
    public List<String> publishAll(String topic, List<Keyed> events) {
        List<String> ids = new ArrayList<>(events.size());
        List<Future<?>> sent = new ArrayList<>(events.size());
        for (Keyed keyed : events) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            RecordHeaders h = headers(Map.of(CloudEventHeaders.ID, id, CloudEventHeaders.TYPE, keyed.event().type(),
                    CloudEventHeaders.SUBJECT, keyed.event().subject()));
            try {
                sent.add(producer.send(new ProducerRecord<>(topic, null, keyed.key(),
                        EventJson.mapper().writeValueAsBytes(keyed.event()), h)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        producer.flush();
        for (Future<?> f : sent) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("Could not publish to " + topic, e);
            }
        }
        return ids;
    }

    /** Sends a record as given, with the CloudEvents headers not supplied filled in. */
    public void send(String topic, String key, Map<String, String> headers, byte[] body) {
        RecordHeaders h = headers(headers);
        try {
            producer.send(new ProducerRecord<>(topic, null, key, body, h)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /** The CloudEvents headers given, and the required ones not given filled in. */
    private static RecordHeaders headers(Map<String, String> given) {
        RecordHeaders h = new RecordHeaders();
        Map<String, String> defaults = Map.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.SOURCE, SOURCE, CloudEventHeaders.TIME, OffsetDateTime.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        defaults.forEach((k, v) -> {
            if (!given.containsKey(k)) {
                h.add(k, bytes(v));
            }
        });
        given.forEach((k, v) -> h.add(k, bytes(v)));
        return h;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
