package uk.nhs.pcn.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The contract's documents exactly as published: the AsyncAPI document and one JSON Schema per event type, named
 * {@code <ce_type>.json}. Every service serves them at {@code /schemas/...}, so each schema's {@code $id} maps to
 * {@code GET /schemas/{name}} on any service.
 */
public final class ContractDocuments {

    /** Classpath location of the AsyncAPI document; its payloads refer to {@code ./schemas/<name>}. */
    public static final String ASYNCAPI_RESOURCE = "/asyncapi.yaml";
    public static final String ASYNCAPI_NAME = "asyncapi.yaml";
    public static final String SCHEMA_MEDIA_TYPE = "application/schema+json";

    private ContractDocuments() {
    }

    public static byte[] asyncApi() {
        return read(ASYNCAPI_RESOURCE).orElseThrow(() -> new IllegalStateException(ASYNCAPI_RESOURCE + " is missing"));
    }

    /** The file name of a type's schema, the last segment of its {@code $id}. */
    public static String schemaName(String type) {
        return type + ".json";
    }

    /** Every schema's name, in catalogue order. */
    public static List<String> schemaNames() {
        return EventTypes.ALL.stream().map(EventTypes::typeOf).map(ContractDocuments::schemaName).toList();
    }

    /** The schema of that name as published, or empty when the contract has none by that name. */
    public static Optional<byte[]> schema(String name) {
        // Only the catalogue's names are looked up, so no other classpath resource can be reached from a request.
        return schemaNames().contains(name) ? read("/schemas/" + name) : Optional.empty();
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = ContractDocuments.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
