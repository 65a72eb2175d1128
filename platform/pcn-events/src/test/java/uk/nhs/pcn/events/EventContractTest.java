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
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.events.workforce.MonthlyClaimCalculated;

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
    void theOptionalFieldsAddedWithinV1ValidateAndStayClosedToUndeclaredData() {
        var weighted = new ListSizeRecorded("A83005", "U45102", LocalDate.of(2021, 1, 1), 11974,
                new BigDecimal("12616.94"), null, ListSizeRecorded.SOURCE_PATIENTS_REGISTERED,
                ListSizeRecorded.SOURCE_PAYMENTS_LAST_KNOWN);
        JsonNode weightedJson = EventJson.mapper().valueToTree(weighted);
        assertThat(weightedJson.path("weightedPopulationSource").asText()).isEqualTo("nhs-payments-last-known");
        assertThat(EventSchemas.validate(weighted.type(), weightedJson)).isEmpty();

        var incomplete = new MonthlyClaimCalculated("U45102", "2024-11", "2024/25", 1, new BigDecimal("5486.50"),
                new BigDecimal("35362.62"), LocalDate.of(2024, 11, 1), false, List.of(
                        new MonthlyClaimCalculated.UnavailableLine("6f1c2a54-9d3e-4c41-8a57-3f0e0b7d2c19",
                                "EMP-0042", "social-prescribing-link-worker", LocalDate.of(2024, 11, 1),
                                LocalDate.of(2024, 11, 30), BigDecimal.ONE, "maxPerWte", "marked-unknown",
                                LocalDate.of(2024, 10, 1))), false);
        JsonNode claimJson = EventJson.mapper().valueToTree(incomplete);
        assertThat(EventSchemas.validate(incomplete.type(), claimJson)).isEmpty();
        ObjectNode salary = claimJson.deepCopy();
        ((ObjectNode) salary.path("unavailableLines").get(0)).put("fullTimeAnnualSalary", 30000);
        assertThat(EventSchemas.validate(incomplete.type(), salary)).as("no pay in an unavailable line").isNotEmpty();

        var complete = new MonthlyClaimCalculated("U45102", "2024-06", "2024/25", 3, new BigDecimal("9876.54"),
                new BigDecimal("29876.12"), LocalDate.of(2024, 6, 1));
        JsonNode completeJson = EventJson.mapper().valueToTree(complete);
        assertThat(completeJson.has("complete")).as("absent when not set, as before the field existed").isFalse();
        assertThat(EventSchemas.validate(complete.type(), completeJson)).isEmpty();
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
                    .contains("address: " + Topics.REFERRAL).contains("address: " + Topics.FUNDING);
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
