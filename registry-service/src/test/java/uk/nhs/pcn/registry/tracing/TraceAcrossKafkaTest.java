package uk.nhs.pcn.registry.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.registry.RegistryTestSupport.asCommissioner;
import static uk.nhs.pcn.registry.RegistryTestSupport.newNetworkCode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TopicRecorder;

/**
 * One trace from an API write to the Kafka record: the caller's W3C trace id is kept by the HTTP span, marked at
 * the outbox commit, continued by the relay's publish span, and handed on in the record's {@code traceparent}.
 * (workforce-service's end-to-end test follows the same trace into the consumer's effect.)
 */
@QuarkusTest
class TraceAcrossKafkaTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aWritesTraceIdTravelsThroughTheOutboxIntoTheRecordHeaderAndThePublishSpan() {
        String code = newNetworkCode();
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            asCommissioner().header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                    .body(Map.of("code", code, "name", "TRACED PCN", "commissionerCode", "00C",
                            "openDate", "2024-04-01"))
                    .post("/api/v1/networks").then().statusCode(201);

            RecordedEvent event = topic.await(r -> code.equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            String traceparent = event.headers().get("traceparent");
            assertThat(traceparent).as("traceparent header of the record").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(traceparent.substring(3, 35)).isEqualTo(TRACE_ID);

            SpanData publish = awaitSpan(s -> s.getKind() == SpanKind.PRODUCER
                    && code.equals(s.getAttributes().asMap().entrySet().stream()
                            .filter(e -> e.getKey().getKey().equals("messaging.kafka.message.key"))
                            .map(e -> e.getValue().toString()).findFirst().orElse(null)));
            // The record carries the publish span, a child of the request that wrote it.
            assertThat(publish.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(traceparent).contains(publish.getSpanId());
            assertThat(publish.getName()).isEqualTo(Topics.REGISTRY + " publish");

            SpanData request = awaitSpan(s -> s.getSpanId().equals(publish.getParentSpanId()));
            assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(request.getParentSpanId()).isEqualTo(CALLER_SPAN);
            assertThat(request.getEvents()).extracting(e -> e.getName()).contains("outbox committed");
        }
    }

    @Test
    void aWriteWithoutACallerTraceStillGetsOneTraceFromRequestToRecord() {
        String code = newNetworkCode();
        try (TopicRecorder topic = TopicRecorder.fromNow(Topics.REGISTRY)) {
            asCommissioner().body(Map.of("code", code, "name", "UNTRACED PCN", "commissionerCode", "00C",
                    "openDate", "2024-04-01")).post("/api/v1/networks").then().statusCode(201);
            RecordedEvent event = topic.await(r -> code.equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            String traceId = event.headers().get("traceparent").substring(3, 35);
            SpanData request = awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId));
            assertThat(request.getName()).contains("/api/v1/networks");
        }
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> wanted) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> find(wanted), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<SpanData> find(java.util.function.Predicate<SpanData> wanted) {
        List<SpanData> finished = spans.getFinishedSpanItems();
        return finished.stream().filter(wanted).findFirst();
    }
}
