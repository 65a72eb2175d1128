package uk.nhs.pcn.platform.tracing;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * Where spans go when no OTLP endpoint is configured ({@code PCN_OTEL_ENDPOINT} unset): nowhere, or one log line
 * each with {@code PCN_TRACE_LOG=true}. Quarkus uses its OTLP exporter only when no other exporter bean is
 * available, so this bean steps aside as soon as an endpoint is set. Trace context still flows either way.
 * <p>
 * The log line names the span, its ids, kind and duration; never its attributes, which may hold request data.
 */
@Singleton
@LookupIfProperty(name = "pcn.tracing.otlp-endpoint", stringValue = "", lookupIfMissing = true)
public class LocalSpanExporter implements SpanExporter {

    private static final Logger LOG = Logger.getLogger("uk.nhs.pcn.tracing");

    @ConfigProperty(name = "pcn.tracing.log-spans", defaultValue = "false")
    boolean logSpans;

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        if (logSpans) {
            for (SpanData span : spans) {
                LOG.infof("span trace=%s span=%s parent=%s kind=%s name=\"%s\" %d us", span.getTraceId(),
                        span.getSpanId(), span.getParentSpanId(), span.getKind(), span.getName(),
                        TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos() - span.getStartEpochNanos()));
            }
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
