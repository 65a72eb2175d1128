package uk.nhs.pcn.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.registry.RegistryTestSupport.asCommissioner;
import static uk.nhs.pcn.registry.RegistryTestSupport.registerNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.testsupport.KafkaBroker;
import uk.nhs.pcn.testsupport.contract.AsyncApiContract;

/**
 * The Java example of docs/integrating.md, run: a plain Kafka consumer and the CloudEvents SDK read the registry's
 * topic from offset 0, using nothing of this project. The guide quotes the code between the {@code tag::consume}
 * markers, and the second test keeps the two the same.
 */
@QuarkusTest
class IntegratingGuideExampleTest {

    private static final Path GUIDE = Path.of("../docs/integrating.md");
    private static final Path THIS_FILE = Path.of("src/test/java/uk/nhs/pcn/registry/IntegratingGuideExampleTest.java");

    private record Received(String networkCode, CloudEvent event, JsonNode data) {
    }

    private final List<Received> received = new ArrayList<>();

    @Test
    void aNewConsumerGroupReadsTheNetworksEventsInOrderWithTheCloudEventsSdk() throws IOException {
        // Network events only: practices and memberships made here would change what the national import tests see.
        String network = registerNetwork("2024-04-01");
        asCommissioner().body(Map.of("name", "RIVERSIDE HEALTH PCN", "effectiveDate", "2025-01-01"))
                .post("/api/v1/networks/" + network + "/rename").then().statusCode(200);
        asCommissioner().body(Map.of("name", "Dr A Example", "from", "2024-04-01"))
                .put("/api/v1/networks/" + network + "/clinical-director").then().statusCode(200);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        readRegistryTopic(KafkaBroker.shared().bootstrapServers(), "guide-example-" + UUID.randomUUID(),
                () -> ofNetwork(network).size() < 3 && System.nanoTime() < deadline);

        List<Received> events = ofNetwork(network);
        assertThat(events).extracting(r -> r.event().getType()).containsExactly(
                "uk.nhs.pcn.registry.NetworkRegistered.v1", "uk.nhs.pcn.registry.NetworkRenamed.v1",
                "uk.nhs.pcn.registry.ClinicalDirectorChanged.v1");
        assertThat(events).allSatisfy(r -> {
            assertThat(r.event().getDataSchema()).hasScheme("https").hasHost("pcn.nhs.uk");
            assertThat(r.event().getDataSchema().getPath()).isEqualTo("/schemas/" + r.event().getType() + ".json");
            assertThat(r.event().getSource()).hasToString("/pcn/registry-service");
        });
        assertThat(events.get(1).data().path("name").asText()).isEqualTo("RIVERSIDE HEALTH PCN");
        assertThat(events.get(2).data().path("clinicalDirectorName").asText()).isEqualTo("Dr A Example");
    }

    @Test
    void theGuideQuotesThisExampleWordForWord() throws IOException {
        List<String> lines = Files.readAllLines(THIS_FILE).stream().map(String::stripTrailing).toList();
        List<String> trimmed = lines.stream().map(String::strip).toList();
        List<String> example = lines.subList(trimmed.indexOf("// tag::consume[]") + 1,
                trimmed.indexOf("// end::consume[]"));
        int indent = example.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        String quoted = example.stream().map(l -> l.isBlank() ? "" : l.substring(indent))
                .collect(Collectors.joining("\n"));

        assertThat(Files.readString(GUIDE))
                .as("docs/integrating.md must quote the example in " + THIS_FILE + " exactly").contains(quoted);
    }

    @Test
    void theGuideDescribesEveryEventTypeOfTheAsyncApiDocument() throws IOException {
        String guide = Files.readString(GUIDE);
        assertThat(AsyncApiContract.published().types())
                .allSatisfy(type -> assertThat(guide).as("docs/integrating.md describes " + type).contains(type));
    }

    private void readRegistryTopic(String bootstrapServers, String groupId, BooleanSupplier running)
            throws IOException {
        // tag::consume[]
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a new group starts at offset 0
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new CloudEventDeserializer())) {
            consumer.subscribe(List.of("pcn.registry.v1"));
            while (running.getAsBoolean()) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofSeconds(1))) {
                    CloudEvent event = record.value(); // the SDK has read the ce_* headers and content-type
                    String networkCode = record.key(); // one network's events arrive in order
                    JsonNode data = json.readTree(event.getData().toBytes());
                    handle(networkCode, event, data); // idempotently: delivery is at least once, by event.getId()
                }
                consumer.commitSync(); // after handling, so a restart resumes where this left off
            }
        }
        // end::consume[]
    }

    private void handle(String networkCode, CloudEvent event, JsonNode data) {
        received.add(new Received(networkCode, event, data));
    }

    private List<Received> ofNetwork(String network) {
        return received.stream().filter(r -> network.equals(r.networkCode())).toList();
    }
}
