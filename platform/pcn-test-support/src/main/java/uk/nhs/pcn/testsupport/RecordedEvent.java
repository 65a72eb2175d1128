package uk.nhs.pcn.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.events.CloudEventHeaders;
import uk.nhs.pcn.events.EventSchemas;

/** A record read back from a topic: key, headers (as strings) and JSON body. */
public record RecordedEvent(String topic, int partition, long offset, String key, Map<String, String> headers,
        byte[] rawBody, JsonNode body) {

    public String type() {
        return headers.get(CloudEventHeaders.TYPE);
    }

    public String id() {
        return headers.get(CloudEventHeaders.ID);
    }

    public String correlationId() {
        return headers.get(CloudEventHeaders.CORRELATION_ID);
    }

    public String text(String field) {
        return body == null ? null : body.path(field).asText(null);
    }

    public boolean isType(String typeSuffix) {
        return type() != null && type().endsWith(typeSuffix);
    }

    /** Problems with the record as a CloudEvent of the contract: headers present and body valid for its schema. */
    public List<String> contractProblems() {
        var problems = new java.util.ArrayList<String>();
        for (String header : List.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID, CloudEventHeaders.TYPE,
                CloudEventHeaders.SOURCE, CloudEventHeaders.SUBJECT, CloudEventHeaders.TIME)) {
            if (headers.get(header) == null || headers.get(header).isBlank()) {
                problems.add("missing header " + header);
            }
        }
        if (!"1.0".equals(headers.get(CloudEventHeaders.SPEC_VERSION))) {
            problems.add("ce_specversion is not 1.0");
        }
        if (!CloudEventHeaders.JSON.equals(headers.get(CloudEventHeaders.CONTENT_TYPE))) {
            problems.add("content-type is not application/json");
        }
        if (type() != null) {
            problems.addAll(EventSchemas.validate(type(), rawBody));
        }
        return problems;
    }

    @Override
    public String toString() {
        return type() + " key=" + key + " " + new String(rawBody, StandardCharsets.UTF_8);
    }
}
