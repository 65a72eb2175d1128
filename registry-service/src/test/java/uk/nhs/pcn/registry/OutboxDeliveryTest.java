package uk.nhs.pcn.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.registry.RegistryTestSupport.asCommissioner;
import static uk.nhs.pcn.registry.RegistryTestSupport.newNetworkCode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.testsupport.KafkaBroker;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TopicRecorder;

/** Nothing lost: a write acknowledged while the broker is down reaches Kafka once the broker is back, once. */
@QuarkusTest
class OutboxDeliveryTest {

    @Test
    void aWriteMadeWhileTheBrokerIsDownIsPublishedExactlyOnceAfterItRestarts() {
        KafkaBroker broker = KafkaBroker.shared();
        String code = newNetworkCode();
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            broker.stop();
            try {
                asCommissioner().body(Map.of("code", code, "name", "OUTAGE PCN", "commissionerCode", "00C",
                        "openDate", "2019-07-01")).post("/api/v1/networks").then().statusCode(201);
            } finally {
                broker.start();
            }
            List<RecordedEvent> events = topic.await(r -> code.equals(r.key()), 1, Duration.ofSeconds(60));
            assertThat(events.get(0).type()).endsWith("NetworkRegistered.v1");
            assertThat(topic.drain(Duration.ofSeconds(3))).filteredOn(r -> code.equals(r.key())).hasSize(1);
        }
    }
}
