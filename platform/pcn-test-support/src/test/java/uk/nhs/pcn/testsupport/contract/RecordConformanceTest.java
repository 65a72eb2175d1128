package uk.nhs.pcn.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import uk.nhs.pcn.events.CloudEventHeaders;
import uk.nhs.pcn.events.EventJson;
import uk.nhs.pcn.events.EventSchemas;
import uk.nhs.pcn.events.PcnEvent;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;

/** The conformance check itself: a record as the platform writes it passes; each way of breaking it is named. */
class RecordConformanceTest {

    private static final String SERVICE = "/pcn/registry-service";
    private static final PracticeJoinedNetwork JOINED = new PracticeJoinedNetwork("U45102", "A83005",
            "WHINFIELD MEDICAL PRACTICE", "00C", LocalDate.of(2019, 7, 1));

    private final RecordConformance conformance = new RecordConformance(AsyncApiContract.published());

    @Test
    void aRecordAsTheOutboxRelayWritesItIsAccepted() {
        assertThat(conformance.problems(record(JOINED, Map.of()))).isEmpty();
        var unaffiliated = new ListSizeRecorded("A83005", null, LocalDate.of(2021, 1, 1), 5903, null, null);
        assertThat(conformance.problems(record(Topics.REGISTRY, "A83005", headers(unaffiliated), json(unaffiliated))))
                .as("a list size of a practice in no network is keyed by the practice").isEmpty();
    }

    @Test
    void aRelativeDataSchemaIsRejectedThoughTheSdkAcceptsIt() {
        assertThat(conformance.problems(record(JOINED, Map.of(CloudEventHeaders.DATA_SCHEMA,
                "/schemas/uk.nhs.pcn.registry.PracticeJoinedNetwork.v1.json"))))
                .contains("ce_dataschema '/schemas/uk.nhs.pcn.registry.PracticeJoinedNetwork.v1.json' is a relative "
                        + "reference; CloudEvents 1.0 types dataschema as URI, which is absolute (RFC 3986 section 4.3)");
    }

    @Test
    void aDataSchemaThatIsNotTheTypesOwnIsRejected() {
        assertThat(conformance.problems(record(JOINED, Map.of(CloudEventHeaders.DATA_SCHEMA,
                EventSchemas.id("uk.nhs.pcn.registry.NetworkClosed.v1").toString()))))
                .anySatisfy(p -> assertThat(p).startsWith("ce_dataschema https://pcn.nhs.uk/schemas/"
                        + "uk.nhs.pcn.registry.NetworkClosed.v1.json is not the payload schema of "
                        + "uk.nhs.pcn.registry.PracticeJoinedNetwork.v1"))
                .anySatisfy(p -> assertThat(p).startsWith("the body breaks https://pcn.nhs.uk/schemas/"
                        + "uk.nhs.pcn.registry.NetworkClosed.v1.json"));
    }

    @Test
    void aTypeTheAsyncApiDocumentDoesNotListIsRejected() {
        assertThat(conformance.problems(record(JOINED, Map.of(CloudEventHeaders.TYPE,
                "uk.nhs.pcn.registry.PracticeMerged.v1"))))
                .containsExactly("ce_type uk.nhs.pcn.registry.PracticeMerged.v1 is not a message in the AsyncAPI "
                        + "document");
    }

    @Test
    void aBodyThatBreaksItsSchemaIsRejectedNamingTheField() {
        var body = EventJson.mapper().valueToTree(JOINED);
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("effectiveDate", "1 July 2019");
        List<String> problems = conformance.problems(record(Topics.REGISTRY, "U45102", headers(JOINED),
                body.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(problems).singleElement().asString()
                .startsWith("the body breaks https://pcn.nhs.uk/schemas/uk.nhs.pcn.registry.PracticeJoinedNetwork"
                        + ".v1.json: /effectiveDate");
    }

    @Test
    void aMissingRequiredAttributeIsRejectedByTheSdk() {
        Map<String, String> noId = headers(JOINED);
        noId.remove(CloudEventHeaders.ID);
        assertThat(conformance.problems(record(Topics.REGISTRY, "U45102", noId, json(JOINED))))
                .containsExactly("the CloudEvents SDK's Kafka binding rejects it: Attribute 'id' cannot be null");

        Map<String, String> noSpecVersion = headers(JOINED);
        noSpecVersion.remove(CloudEventHeaders.SPEC_VERSION);
        assertThat(conformance.problems(record(Topics.REGISTRY, "U45102", noSpecVersion, json(JOINED))))
                .singleElement().asString().startsWith("the CloudEvents SDK's Kafka binding rejects it");
    }

    @Test
    void whatTheSdkLetsThroughButCloudEventsForbidsIsRejected() {
        assertThat(conformance.problems(record(JOINED, Map.of(CloudEventHeaders.TIME, "2024-06-01T10:00Z"))))
                .contains("ce_time '2024-06-01T10:00Z' is not an RFC 3339 timestamp (seconds and offset required)");
        assertThat(conformance.problems(record(JOINED, Map.of(CloudEventHeaders.SPEC_VERSION, "0.3"))))
                .contains("ce_specversion is 0.3, not 1.0");
        assertThat(conformance.problems(record(JOINED, Map.of("ce_correlationIdentifier", "x"))))
                .contains("header ce_correlationIdentifier names an attribute CloudEvents 1.0 does not allow "
                        + "(lower-case letters and digits, at most 20)");
        Map<String, String> noContentType = headers(JOINED);
        noContentType.remove(CloudEventHeaders.CONTENT_TYPE);
        assertThat(conformance.problems(record(Topics.REGISTRY, "U45102", noContentType, json(JOINED))))
                .contains("content-type is null, not application/json");
    }

    @Test
    void anAttributeTheAsyncApiDocumentDoesNotDeclareIsRejected() {
        assertThat(conformance.problems(record(JOINED, Map.of("ce_partitionkey", "U45102"))))
                .containsExactly("header ce_partitionkey is not declared in the AsyncAPI document");
    }

    @Test
    void aRecordOnTheWrongTopicOrWithTheWrongKeyIsRejected() {
        assertThat(conformance.problems(record(Topics.WORKFORCE, "U45102", headers(JOINED), json(JOINED))))
                .containsExactly("ce_type uk.nhs.pcn.registry.PracticeJoinedNetwork.v1 belongs on pcn.registry.v1 "
                        + "by the AsyncAPI document, not on pcn.workforce.v1");
        assertThat(conformance.problems(record(Topics.REGISTRY, "A83005", headers(JOINED), json(JOINED))))
                .containsExactly("key 'A83005' is not the payload's networkCode 'U45102'");
        assertThat(conformance.problems(record(Topics.REGISTRY, "u45102", headers(JOINED), json(JOINED))))
                .anySatisfy(p -> assertThat(p).startsWith("key 'u45102' breaks the AsyncAPI key schema"));
    }

    @Test
    void theSuiteVerdictNamesTypesNeverPublishedAndIgnoresTheHarnesssOwnRecords() {
        var registered = new NetworkRegistered("U45102", "WHINFIELD PCN", "00C", LocalDate.of(2019, 7, 1));
        Map<String, String> poison = headers(registered);
        poison.put(CloudEventHeaders.SOURCE, "/pcn/test");
        List<ConsumerRecord<String, byte[]>> records = List.of(
                record(Topics.REGISTRY, "U45102", headers(registered), json(registered)),
                record(Topics.REGISTRY, "U99999", poison, "{not json".getBytes(StandardCharsets.UTF_8)),
                record(JOINED, Map.of(CloudEventHeaders.DATA_SCHEMA, "/schemas/x.json")));

        PublishedEvents.Verdict verdict = PublishedEvents.judge(records, SERVICE, AsyncApiContract.published());

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.checked()).isEqualTo(2);
        assertThat(verdict.rejected()).singleElement().satisfies(r -> {
            assertThat(r.where()).isEqualTo("pcn.registry.v1-0@2");
            assertThat(r.type()).isEqualTo("uk.nhs.pcn.registry.PracticeJoinedNetwork.v1");
        });
        assertThat(verdict.unpublishedTypes()).containsExactly("uk.nhs.pcn.registry.ClinicalDirectorChanged.v1",
                "uk.nhs.pcn.registry.ListSizeRecorded.v1", "uk.nhs.pcn.registry.NetworkClosed.v1",
                "uk.nhs.pcn.registry.NetworkRenamed.v1", "uk.nhs.pcn.registry.PracticeLeftNetwork.v1");
        assertThat(verdict.report()).contains("1 of 2 records on the public topics break the contract",
                "pcn.registry.v1-0@2 uk.nhs.pcn.registry.PracticeJoinedNetwork.v1 from /pcn/registry-service",
                "is a relative reference", "that the suite never published");

        assertThat(PublishedEvents.judge(List.of(), SERVICE, AsyncApiContract.published()).report())
                .contains("The suite published no event with ce_source /pcn/registry-service");
    }

    private ConsumerRecord<String, byte[]> record(PcnEvent event, Map<String, String> changed) {
        Map<String, String> headers = headers(event);
        headers.putAll(changed);
        return record(Topics.REGISTRY, "U45102", headers, json(event));
    }

    /** The headers OutboxRelay writes. */
    private static Map<String, String> headers(PcnEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.TYPE, event.type());
        headers.put(CloudEventHeaders.SOURCE, SERVICE);
        headers.put(CloudEventHeaders.SUBJECT, event.subject());
        headers.put(CloudEventHeaders.TIME, "2024-06-01T10:00:00.123456Z");
        headers.put(CloudEventHeaders.DATA_SCHEMA, EventSchemas.id(event.type()).toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        headers.put(CloudEventHeaders.CORRELATION_ID, UUID.randomUUID().toString());
        return headers;
    }

    private static byte[] json(PcnEvent event) {
        try {
            return EventJson.mapper().writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Offsets as on a partition: one after another within a test. */
    private long offset;

    private ConsumerRecord<String, byte[]> record(String topic, String key, Map<String, String> headers,
            byte[] body) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((name, value) -> kafkaHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(topic, 0, offset++, 0L, TimestampType.CREATE_TIME, key.length(), body.length,
                key, body, kafkaHeaders, Optional.empty());
    }
}
