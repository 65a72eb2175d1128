package uk.nhs.pcn.deployment;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The resources a kustomization produces: rendered by {@code kubectl kustomize} when kubectl is on the PATH, else
 * read from the files its {@code resources} list (recursively). The fallback knows nothing of patches or
 * generators, and refuses a kustomization that uses them rather than check something kubectl would not apply.
 */
final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> PLAIN_KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "namespace", "resources");

    private Manifests() {
    }

    static List<JsonNode> render(Path kustomization) {
        return kubectl().map(kubectl -> renderWithKubectl(kubectl, kustomization))
                .orElseGet(() -> readListedFiles(kustomization));
    }

    static Optional<Path> kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static List<JsonNode> renderWithKubectl(Path kubectl, Path kustomization) {
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", kustomization.toString())
                        .redirectError(errors.toFile())
                        .start();
                String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + kustomization + " did not finish");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: "
                            + Files.readString(errors));
                }
                return parse(rendered);
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The resources of the files the kustomization lists, with its namespace set as kustomize would. */
    static List<JsonNode> readListedFiles(Path kustomization) {
        List<JsonNode> resources = new ArrayList<>();
        String namespace = kustomizationFile(kustomization).path("namespace").asText(null);
        for (Path file : filesListedBy(kustomization)) {
            try {
                for (JsonNode resource : parse(Files.readString(file))) {
                    if (namespace != null && !"Namespace".equals(resource.path("kind").asText())) {
                        ((ObjectNode) resource.path("metadata")).put("namespace", namespace);
                    }
                    resources.add(resource);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return resources;
    }

    /** Every manifest file the kustomization in {@code dir} includes, following nested kustomizations. */
    static List<Path> filesListedBy(Path dir) {
        JsonNode kustomization = kustomizationFile(dir);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!PLAIN_KUSTOMIZATION_FIELDS.contains(field)) {
                throw new IllegalStateException(dir + "/kustomization.yaml uses '" + field
                        + "', which only kubectl kustomize applies: put kubectl on the PATH to check it");
            }
        });
        List<Path> files = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                files.addAll(filesListedBy(resource));
            } else {
                files.add(resource);
            }
        }
        return files;
    }

    private static JsonNode kustomizationFile(Path dir) {
        try {
            return YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.isObject() && document.size() > 0) {
                    resources.add(document);
                }
            }
        }
        return resources;
    }
}
