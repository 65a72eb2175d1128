package uk.nhs.pcn.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;

class EventContractTest {

    @Test
    void everyEventTypeHasASchemaWhoseExamplesAreValid() {
        for (Class<? extends PcnEvent> payload : EventTypes.ALL) {
            String type = EventTypes.typeOf(payload);
            JsonNode schema = EventSchemas.schemaDocument(type);
            assertThat(schema.path("examples")).as(type + " examples").isNotEmpty();
            for (JsonNode example : schema.path("examples")) {
                assertThat(EventSchemas.validate(type, example)).as(type + " example").isEmpty();
            }
        }
    }

    @Test
    void everyRecordComponentIsDescribedByItsSchema() {
        for (Class<? extends PcnEvent> payload : EventTypes.ALL) {
            JsonNode properties = EventSchemas.schemaDocument(EventTypes.typeOf(payload)).path("properties");
            for (var component : payload.getRecordComponents()) {
                assertThat(properties.has(component.getName()))
                        .as(payload.getSimpleName() + "." + component.getName() + " in schema").isTrue();
            }
        }
    }

    @Test
    void serialisedRecordsValidateAndBadValuesDoNot() {
        var joined = new PracticeJoinedNetwork("U45102", "A83005", "WHINFIELD MEDICAL PRACTICE", "00C",
                LocalDate.of(2019, 7, 1));
        JsonNode json = EventJson.mapper().valueToTree(joined);
        assertThat(json.path("effectiveDate").asText()).isEqualTo("2019-07-01");
        assertThat(EventSchemas.validate(joined.type(), json)).isEmpty();

        ObjectNode badCode = json.deepCopy();
        badCode.put("networkCode", "X45102");
        assertThat(EventSchemas.validate(joined.type(), badCode)).anySatisfy(m -> assertThat(m).contains("networkCode"));

        ObjectNode extra = json.deepCopy();
        extra.put("nhsNumber", "9434765919");
        assertThat(EventSchemas.validate(joined.type(), extra)).as("no undeclared fields, e.g. patient data").isNotEmpty();

        var unaffiliated = new ListSizeRecorded("A83005", null, LocalDate.of(2021, 1, 1), 5903, null,
                new BigDecimal("6001.25"));
        JsonNode sizeJson = EventJson.mapper().valueToTree(unaffiliated);
        assertThat(sizeJson.has("networkCode")).isFalse();
        assertThat(EventSchemas.validate(unaffiliated.type(), sizeJson)).isEmpty();
    }

    @Test
    void asyncApiDocumentDescribesEveryEventType() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/asyncapi.yaml")) {
            String asyncApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Class<? extends PcnEvent> payload : EventTypes.ALL) {
                String type = EventTypes.typeOf(payload);
                assertThat(asyncApi).contains("name: " + type).contains("./schemas/" + type + ".json");
            }
            assertThat(asyncApi).contains("address: " + Topics.REGISTRY).contains("address: " + Topics.WORKFORCE)
                    .contains("address: " + Topics.FUNDING);
        }
    }
}
