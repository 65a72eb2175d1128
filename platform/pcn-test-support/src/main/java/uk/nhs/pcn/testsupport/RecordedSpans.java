package uk.nhs.pcn.testsupport;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Keeps every span a service finishes during its tests in memory, so a test can follow one trace from an API write
 * to a consumer's effect. Discovered by Quarkus in any service whose tests depend on test support; inject
 * {@link InMemorySpanExporter} to read the spans.
 */
@Singleton
public class RecordedSpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
