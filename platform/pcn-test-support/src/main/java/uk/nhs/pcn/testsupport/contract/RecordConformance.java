package uk.nhs.pcn.testsupport.contract;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import uk.nhs.pcn.events.CloudEventHeaders;
import uk.nhs.pcn.events.EventJson;
import uk.nhs.pcn.events.EventSchemas;

/**
 * Checks one Kafka record the way an integrator's own tools would: decoded by the official CloudEvents Java SDK's
 * Kafka binding, then held to what CloudEvents 1.0 says and the SDK does not check (an absolute
 * {@code dataschema}, RFC 3339 {@code time}, attribute names), and to the AsyncAPI document (message, channel,
 * headers, key) and the JSON Schema the record's {@code ce_dataschema} names.
 */
public final class RecordConformance {

    /** CloudEvents 1.0: lower-case ASCII letters and digits, at most 20 characters. */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]{1,20}");
    /** RFC 3339 date-time: seconds required, fraction optional, offset Z or ±hh:mm. */
    private static final Pattern RFC_3339 = Pattern
            .compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    private final AsyncApiContract asyncApi;

    public RecordConformance(AsyncApiContract asyncApi) {
        this.asyncApi = asyncApi;
    }

    /** What is wrong with the record; empty when an integrator's tools accept it. */
    public List<String> problems(ConsumerRecord<String, byte[]> record) {
        List<String> problems = new ArrayList<>();
        CloudEvent event;
        try {
            MessageReader reader = KafkaMessageFactory.createReader(record);
            if (reader.getEncoding() != Encoding.BINARY) {
                problems.add("not in binary content mode (content-type " + header(record, "content-type") + ")");
            }
            event = reader.toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            problems.add("the CloudEvents SDK's Kafka binding rejects it: " + e.getMessage());
            return problems;
        }
        checkCloudEvents(record, event, problems);
        Optional<AsyncApiContract.Message> message = asyncApi.message(event.getType());
        if (message.isEmpty()) {
            problems.add("ce_type " + event.getType() + " is not a message in the AsyncAPI document");
            return problems;
        }
        checkAgainstAsyncApi(record, message.get(), problems);
        JsonNode data = checkData(record, event, message.get(), problems);
        checkKey(record, event, message.get(), data, problems);
        return problems;
    }

    private static void checkCloudEvents(ConsumerRecord<String, byte[]> record, CloudEvent event,
            List<String> problems) {
        if (event.getSpecVersion() != SpecVersion.V1) {
            problems.add("ce_specversion is " + event.getSpecVersion() + ", not 1.0");
        }
        URI dataSchema = event.getDataSchema();
        if (dataSchema == null) {
            problems.add("no ce_dataschema header");
        } else if (!dataSchema.isAbsolute()) {
            problems.add("ce_dataschema '" + dataSchema + "' is a relative reference; CloudEvents 1.0 types "
                    + "dataschema as URI, which is absolute (RFC 3986 section 4.3)");
        }
        String time = header(record, CloudEventHeaders.TIME);
        if (time == null) {
            problems.add("no ce_time header");
        } else if (!RFC_3339.matcher(time).matches()) {
            problems.add("ce_time '" + time + "' is not an RFC 3339 timestamp (seconds and offset required)");
        }
        if (!CloudEventHeaders.JSON.equals(event.getDataContentType())) {
            problems.add("content-type is " + event.getDataContentType() + ", not " + CloudEventHeaders.JSON);
        }
        for (Header header : record.headers()) {
            if (header.key().startsWith(CloudEventHeaders.PREFIX)
                    && !ATTRIBUTE_NAME.matcher(header.key().substring(CloudEventHeaders.PREFIX.length())).matches()) {
                problems.add("header " + header.key() + " names an attribute CloudEvents 1.0 does not allow "
                        + "(lower-case letters and digits, at most 20)");
            }
        }
    }

    private static void checkAgainstAsyncApi(ConsumerRecord<String, byte[]> record, AsyncApiContract.Message message,
            List<String> problems) {
        if (!message.channel().equals(record.topic())) {
            problems.add("ce_type " + message.type() + " belongs on " + message.channel() + " by the AsyncAPI "
                    + "document, not on " + record.topic());
        }
        ObjectNode headers = EventJson.mapper().createObjectNode();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
            if (header.key().startsWith(CloudEventHeaders.PREFIX) && !message.declaredHeaders().contains(header.key())) {
                problems.add("header " + header.key() + " is not declared in the AsyncAPI document");
            }
        }
        for (JsonSchema schema : message.headerSchemas()) {
            schema.validate(headers).forEach(m -> problems.add("headers break the AsyncAPI document: "
                    + m.getMessage()));
        }
    }

    private static JsonNode checkData(ConsumerRecord<String, byte[]> record, CloudEvent event,
            AsyncApiContract.Message message, List<String> problems) {
        JsonNode data;
        try {
            data = record.value() == null ? null : EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            problems.add("the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
        if (data == null) {
            problems.add("no body");
            return null;
        }
        URI dataSchema = event.getDataSchema();
        if (dataSchema == null || !dataSchema.isAbsolute()) {
            return data;
        }
        if (!dataSchema.equals(message.payloadSchemaId())) {
            problems.add("ce_dataschema " + dataSchema + " is not the payload schema of " + message.type()
                    + " in the AsyncAPI document (" + message.payloadSchemaId() + ")");
        }
        Optional<String> schemaType = EventSchemas.typeWithSchema(dataSchema);
        if (schemaType.isEmpty()) {
            problems.add("ce_dataschema " + dataSchema + " is the $id of none of the contract's schemas");
        } else {
            EventSchemas.validate(schemaType.get(), data)
                    .forEach(m -> problems.add("the body breaks " + dataSchema + ": " + m));
        }
        return data;
    }

    private static void checkKey(ConsumerRecord<String, byte[]> record, CloudEvent event,
            AsyncApiContract.Message message, JsonNode data, List<String> problems) {
        String key = record.key();
        if (key == null) {
            problems.add("no record key");
            return;
        }
        message.keySchema().ifPresent(schema -> schema.validate(EventJson.mapper().getNodeFactory().textNode(key))
                .forEach(m -> problems.add("key '" + key + "' breaks the AsyncAPI key schema: " + m.getMessage())));
        if (data == null) {
            return;
        }
        String networkCode = data.path("networkCode").asText(null);
        if (networkCode != null && !key.equals(networkCode)) {
            problems.add("key '" + key + "' is not the payload's networkCode '" + networkCode + "'");
        } else if (networkCode == null && !key.equals(event.getSubject())) {
            problems.add("key '" + key + "' is not ce_subject '" + event.getSubject()
                    + "' (the payload names no network)");
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
