package uk.nhs.pcn.platform.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * Continues the trace of the write that caused a record: the consumer's effect runs in a span whose parent is the
 * record's {@code traceparent}, so one trace shows the API write, the publish and every consumer's effect (and any
 * events the effect writes to the outbox carry the same trace on).
 */
@ApplicationScoped
public class ConsumerTracing {

    @Inject
    Tracer tracer;

    public void process(ConsumerRecord<String, byte[]> record, String consumer, Runnable effect) {
        Span span = tracer.spanBuilder(record.topic() + " process")
                .setParent(TraceContext.fromHeaders(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("messaging.consumer.group.name", consumer)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            effect.run();
        } catch (RuntimeException e) {
            // The exception type only: a message could quote data from the record.
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }
}
