package uk.nhs.pcn.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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
            assertThat(asyncApi).contains("address: " + Topics.REGISTRY).contains("address: " + Topics.WORKFORCE);
        }
    }

    @Test
    void everySchemaHasAnAbsoluteIdNamingTheFileItIsServedAs() {
        for (Class<? extends PcnEvent> payload : EventTypes.ALL) {
            String type = EventTypes.typeOf(payload);
            URI id = EventSchemas.id(type);
            assertThat(id).as(type).isEqualTo(URI.create("https://pcn.nhs.uk/schemas/" + type + ".json"));
            assertThat(EventSchemas.typeWithSchema(id)).contains(type);
            assertThat(ContractDocuments.schema(ContractDocuments.schemaName(type))).isPresent();
        }
        assertThat(EventSchemas.typeWithSchema(URI.create("/schemas/uk.nhs.pcn.registry.NetworkClosed.v1.json")))
                .as("a relative reference is not an id").isEmpty();
    }

    @Test
    void onlyTheContractsOwnSchemasCanBeReadByName() {
        assertThat(ContractDocuments.schemaNames()).hasSize(EventTypes.ALL.size())
                .contains("uk.nhs.pcn.workforce.StaffAppointed.v1.json");
        assertThat(ContractDocuments.schema("../asyncapi.yaml")).isEmpty();
        assertThat(ContractDocuments.schema("uk.nhs.pcn.registry.Unknown.v1.json")).isEmpty();
        assertThat(new String(ContractDocuments.asyncApi(), StandardCharsets.UTF_8)).startsWith("asyncapi: 3.0.0");
    }

    @Test
    void eventTimesAreRfc3339WithSecondsEvenOnTheMinute() {
        assertThat(CloudEventHeaders.time(OffsetDateTime.of(2024, 6, 1, 10, 0, 0, 0, ZoneOffset.ofHours(1))))
                .isEqualTo("2024-06-01T09:00:00Z");
        assertThat(CloudEventHeaders.time(OffsetDateTime.of(2024, 6, 1, 10, 0, 0, 123_456_000, ZoneOffset.UTC)))
                .isEqualTo("2024-06-01T10:00:00.123456Z");
    }

    @Test
    void aConsumerIgnoresFieldsAddedWithinTheVersionButNotBrokenOnes() {
        var closed = EventJson.mapper().createObjectNode().put("networkCode", "U45102")
                .put("effectiveDate", "2025-03-31");
        String type = "uk.nhs.pcn.registry.NetworkClosed.v1";
        ObjectNode withNewField = closed.deepCopy().put("closureReason", "merged");
        assertThat(EventSchemas.validate(type, withNewField)).as("producer side: nothing undeclared").isNotEmpty();
        assertThat(EventSchemas.validateIgnoringUnknownFields(type, withNewField)).isEmpty();
        assertThat(EventSchemas.validateIgnoringUnknownFields(type, closed.deepCopy().put("effectiveDate", "soon")))
                .as("a known field still has to be valid").isNotEmpty();
    }
}
