package uk.nhs.pcn.events.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * One version of the contract as files: {@code asyncapi.yaml} and {@code schemas/<name>.json} beside it, the
 * layout of {@code src/main/resources} and of the released baseline.
 */
record Contract(JsonNode asyncApi, Map<String, JsonNode> schemas) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contract this build publishes ({@code src/main/resources}). */
    static Contract current() {
        return besideAsyncApi("/asyncapi.yaml");
    }

    /** The contract as last released ({@code src/test/resources/contract-baseline}). */
    static Contract released() {
        return besideAsyncApi("/contract-baseline/asyncapi.yaml");
    }

    private static Contract besideAsyncApi(String resource) {
        try {
            return in(Path.of(Contract.class.getResource(resource).toURI()).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(resource, e);
        }
    }

    static Contract in(Path folder) {
        try (Stream<Path> files = Files.list(folder.resolve("schemas"))) {
            Map<String, JsonNode> schemas = new TreeMap<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                schemas.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
            return new Contract(YAML.readTree(folder.resolve("asyncapi.yaml").toFile()), schemas);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same contract with one schema file replaced (or added), for trying out a change. */
    Contract withSchema(String name, JsonNode schema) {
        Map<String, JsonNode> changed = new TreeMap<>(schemas);
        changed.put(name, schema);
        return new Contract(asyncApi, changed);
    }

    Contract withoutSchema(String name) {
        Map<String, JsonNode> changed = new TreeMap<>(schemas);
        changed.remove(name);
        return new Contract(asyncApi, changed);
    }

    Contract withAsyncApi(JsonNode document) {
        return new Contract(document, schemas);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
