package uk.nhs.pcn.platform.consumer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.events.CloudEventHeaders;
import uk.nhs.pcn.events.EventJson;
import uk.nhs.pcn.events.EventSchemas;
import uk.nhs.pcn.events.EventTypes;
import uk.nhs.pcn.events.PcnEvent;

/**
 * A record read from one of the platform's topics, checked against the contract: CloudEvents headers present, a
 * JSON body valid for the schema of its type. Records of types this consumer does not know (a newer producer) are
 * not poison: {@link #payload()} is empty for them and consumers skip them; nor are fields it does not know (an
 * optional field added within the topic's version), which it ignores.
 */
public record IncomingEvent(String id, String type, String subject, String key, JsonNode body, String topic,
        int partition, long offset) {

    public static IncomingEvent from(ConsumerRecord<String, byte[]> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new PoisonMessageException("Record " + where + " has no ce_id or ce_type header");
        }
        if (record.value() == null) {
            throw new PoisonMessageException("Record " + where + " (" + type + ") has no body");
        }
        JsonNode body;
        try {
            body = EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new PoisonMessageException("Record " + where + " (" + type + ") is not JSON");
        }
        if (EventTypes.payloadClass(type).isPresent()) {
            List<String> problems = EventSchemas.validateIgnoringUnknownFields(type, body);
            if (!problems.isEmpty()) {
                // The problems name fields and rules, never values: a body could carry data that must not be logged.
                throw new PoisonMessageException("Record " + where + " (" + type + ") breaks its schema: "
                        + problems.size() + " problem(s)");
            }
        }
        return new IncomingEvent(id, type, header(record, CloudEventHeaders.SUBJECT), record.key(), body,
                record.topic(), record.partition(), record.offset());
    }

    /** The typed payload, or empty for an event type this build does not know. */
    public Optional<PcnEvent> payload() {
        return EventTypes.payloadClass(type).map(c -> {
            try {
                return EventJson.mapper().treeToValue(body, c);
            } catch (IOException e) {
                throw new PoisonMessageException("Event " + id + " (" + type + ") cannot be read: " + e.getMessage());
            }
        });
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
