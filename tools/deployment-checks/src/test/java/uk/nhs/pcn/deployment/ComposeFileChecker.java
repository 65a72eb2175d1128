package uk.nhs.pcn.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Holds a compose file to what the services read and listen on. There is no Docker engine in CI, so the file is
 * parsed, not run: each thing that would keep {@code docker compose up} from giving a working platform is reported
 * as one sentence naming the compose service.
 */
final class ComposeFileChecker {

    /** Variables the services read that compose leaves unset on purpose, each with the reason. */
    static final Map<String, String> PRODUCTION_ONLY = Map.ofEntries(
            Map.entry("PCN_KAFKA_SECURITY_PROTOCOL", "production brokers authenticate (SCRAM over TLS); the compose"
                    + " broker is plaintext, the services' default"),
            Map.entry("PCN_KAFKA_SASL_MECHANISM", "no SASL on the compose broker"),
            Map.entry("PCN_KAFKA_SASL_JAAS_CONFIG", "no SASL on the compose broker"),
            Map.entry("PCN_KAFKA_SSL_TRUSTSTORE_TYPE", "no TLS on the compose broker"),
            Map.entry("PCN_KAFKA_SSL_TRUSTSTORE_LOCATION", "no TLS on the compose broker"),
            Map.entry("PCN_OTEL_ENDPOINT", "traces are exported only to a given OTLP collector; compose runs none"),
            Map.entry("PCN_TRACE_LOG", "spans are printed to the log only when someone asks for it"),
            Map.entry("PCN_WORKFORCE_RULES_FILE", "the ARRS rule set in the jar is the one to use; the variable lets"
                    + " production correct figures without a release"),
            Map.entry("PCN_FUNDING_RULES_FILE", "the DES rule set in the jar is the one to use; the variable lets"
                    + " production correct figures without a release"),
            Map.entry("PCN_OIDC_AUTH_SERVER_URL", "compose runs the portal with the local profile: its development"
                    + " sign-in page, no identity provider"),
            Map.entry("PCN_OIDC_CLIENT_ID", "no identity provider in compose (the portal's local profile)"),
            Map.entry("PCN_OIDC_CLIENT_SECRET", "no identity provider in compose (the portal's local profile)"),
            Map.entry("PCN_OIDC_SCOPES", "no identity provider in compose (the portal's local profile)"));

    /** Where ./pcn keeps the public half of its development key (PcnLocal: .pcn/jwt, JwtSigner: jwt-public.pem). */
    static final String DEVELOPMENT_PUBLIC_KEY = ".pcn/jwt/jwt-public.pem";
    /** The issuer of the tokens ./pcn token prints (JwtSigner.ISSUER). */
    static final String DEVELOPMENT_ISSUER = "urn:pcn:dev";

    /** {@code host:port} in a value, e.g. {@code kafka:29092} or {@code jdbc:postgresql://postgres:5432/db}. */
    private static final Pattern HOST_AND_PORT = Pattern.compile("(?<![\\w.-])([a-z][a-z0-9_-]*):(\\d{1,5})\\b");
    private static final Pattern EXPOSE = Pattern.compile("(?im)^\\s*EXPOSE\\s+(.+)$");

    private final Path projectDir;
    private final List<ServiceModule> modules;
    private final String kafkaVersion;

    /**
     * @param projectDir the folder the compose file's relative paths start from (the repository root)
     * @param modules the services the compose file must run
     * @param kafkaVersion the Kafka version the services' clients are built with
     */
    ComposeFileChecker(Path projectDir, List<ServiceModule> modules, String kafkaVersion) {
        this.projectDir = projectDir;
        this.modules = List.copyOf(modules);
        this.kafkaVersion = kafkaVersion;
    }

    /** Every problem found, in a stable order; empty when the compose file is right. */
    List<String> check(Path composeFile) {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        readYaml(composeFile).path("services").properties().forEach(e -> services.put(e.getKey(), e.getValue()));
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modules) {
            String service = serviceBuiltFrom(services, module.folder());
            if (service == null) {
                problems.add(module.name() + ": no compose service is built from ./" + module.folder());
            } else {
                checkServiceModule(service, module, services, problems);
            }
        }
        services.forEach((name, service) -> checkDockerfile(name, service, problems));
        services.forEach((name, service) -> checkDependencies(name, service, services, problems));
        checkHostPorts(services, problems);
        checkKafka(services, problems);
        return problems;
    }

    private void checkServiceModule(String name, ServiceModule module, Map<String, JsonNode> services,
            List<String> problems) {
        JsonNode service = services.get(name);
        Map<String, String> environment = environment(service);
        checkVariables(name, module, environment, problems);
        checkPort(name, module, service, environment, problems);
        checkServicesReferenced(name, service, environment, services, problems);
        checkFilesMounted(name, service, environment, problems);
        checkDatabase(name, module, environment, services, problems);
    }

    /** Every variable the service reads is set (but the production-only ones); every PCN_ one set is read. */
    private static void checkVariables(String name, ServiceModule module, Map<String, String> environment,
            List<String> problems) {
        for (String variable : module.variables()) {
            if (!environment.containsKey(variable) && !PRODUCTION_ONLY.containsKey(variable)) {
                problems.add(name + ": its configuration reads " + variable + ", which compose does not set");
            }
        }
        environment.keySet().stream()
                .filter(variable -> variable.startsWith("PCN_") && !module.variables().contains(variable))
                .forEach(variable -> problems.add(name + ": compose sets " + variable
                        + ", which the service never reads"));
    }

    /** A compose service named in a variable ({@code kafka:29092}) must be one the service depends on. */
    private static void checkServicesReferenced(String name, JsonNode service, Map<String, String> environment,
            Map<String, JsonNode> services, List<String> problems) {
        Map<String, String> dependsOn = dependsOn(service);
        environment.forEach((variable, value) -> {
            Matcher matcher = HOST_AND_PORT.matcher(value);
            while (matcher.find()) {
                String host = matcher.group(1);
                if (services.containsKey(host) && !dependsOn.containsKey(host)) {
                    problems.add(name + ": " + variable + " points at " + host + ", which " + name
                            + " does not depend on");
                }
            }
        });
    }

    /** A {@code file:} a variable names must be mounted; the JWT key must be ./pcn's, so its tokens are accepted. */
    private static void checkFilesMounted(String name, JsonNode service, Map<String, String> environment,
            List<String> problems) {
        Map<String, String> mounts = mounts(service);
        environment.forEach((variable, value) -> {
            if (value.startsWith("file:") && mountSource(mounts, value.substring("file:".length())) == null) {
                problems.add(name + ": " + variable + " names " + value.substring("file:".length())
                        + ", which no volume of " + name + " mounts");
            }
        });
        checkDevelopmentTokens(name, environment, mounts, problems);
    }

    private void checkPort(String name, ServiceModule module, JsonNode service,
            Map<String, String> environment, List<String> problems) {
        int port = module.port();
        module.portVariable().ifPresent(variable -> {
            String configured = environment.get(variable);
            if (configured != null && !configured.equals(Integer.toString(port))) {
                problems.add(name + ": " + variable + " is " + configured + " in compose, but the service's port is "
                        + port);
            }
        });
        List<PortMapping> ports = ports(service);
        if (ports.stream().noneMatch(mapping -> mapping.equals(new PortMapping(port, port)))) {
            problems.add(name + ": compose does not publish its port " + port + " as " + port + ":" + port
                    + (ports.isEmpty() ? "" : " (it publishes " + String.join(", ",
                            ports.stream().map(PortMapping::toString).toList()) + ")"));
        }
        String healthcheck = healthcheck(service);
        if (healthcheck == null) {
            problems.add(name + ": has no healthcheck");
        } else if (!healthcheck.contains("/q/health/ready") || !healthcheck.matches("(?s).*\\b" + port + "\\b.*")) {
            problems.add(name + ": its healthcheck does not ask /q/health/ready on port " + port);
        }
        JsonNode build = service.path("build");
        Path dockerfile = dockerfile(build);
        if (dockerfile != null && Files.isRegularFile(dockerfile)) {
            List<String> exposed = exposedPorts(dockerfile);
            if (!exposed.contains(Integer.toString(port))) {
                problems.add(name + ": " + relative(dockerfile) + " exposes " + exposed + ", not the service's port "
                        + port);
            }
        }
    }

    /** Tokens from ./pcn token must be accepted: its key pair's public half, its issuer. */
    private static void checkDevelopmentTokens(String name, Map<String, String> environment,
            Map<String, String> mounts, List<String> problems) {
        String key = environment.get("PCN_JWT_PUBLIC_KEY");
        if (key != null && key.startsWith("file:")) {
            String source = mountSource(mounts, key.substring("file:".length()));
            if (source != null && !Path.of(source).normalize().equals(Path.of(DEVELOPMENT_PUBLIC_KEY))) {
                problems.add(name + ": mounts its JWT public key from " + source + ", not from "
                        + DEVELOPMENT_PUBLIC_KEY + " where ./pcn keeps the development key");
            }
        }
        String issuer = environment.get("PCN_JWT_ISSUER");
        if (issuer != null && !issuer.equals(DEVELOPMENT_ISSUER)) {
            problems.add(name + ": PCN_JWT_ISSUER is " + issuer + ", but ./pcn token signs as " + DEVELOPMENT_ISSUER);
        }
    }

    /** The database a service's JDBC URL names must be one the PostgreSQL init creates, with that role and password. */
    private static void checkDatabase(String name, ServiceModule module, Map<String, String> environment,
            Map<String, JsonNode> services, List<String> problems) {
        Optional<JdbcUrl> url = module.variableFor("quarkus.datasource.jdbc.url").map(environment::get)
                .flatMap(JdbcUrl::parse);
        if (url.isEmpty()) {
            return;
        }
        String database = url.get().database();
        String[] created = databasesCreated(services).get(database);
        if (created == null) {
            problems.add(name + ": its database " + database + " is not in PCN_DATABASES, so nothing creates it");
            return;
        }
        module.variableFor("quarkus.datasource.username").ifPresent(variable -> {
            String user = environment.get(variable);
            if (user != null && !user.equals(database)) {
                problems.add(name + ": " + variable + " is " + user + ", but " + database + " is owned by role "
                        + database);
            }
        });
        module.variableFor("quarkus.datasource.password").ifPresent(variable -> {
            String password = environment.get(variable);
            if (password != null && (created.length < 2 || !password.equals(created[1]))) {
                problems.add(name + ": " + variable + " is not the password PCN_DATABASES gives role " + database);
            }
        });
    }

    /** PCN_DATABASES of the PostgreSQL service: a line per database, {@code name password [extension...]}. */
    private static Map<String, String[]> databasesCreated(Map<String, JsonNode> services) {
        Map<String, String[]> databases = new TreeMap<>();
        for (JsonNode service : services.values()) {
            String listed = environment(service).get("PCN_DATABASES");
            if (listed != null) {
                listed.lines().map(String::trim).filter(line -> !line.isEmpty())
                        .map(line -> line.split("\\s+"))
                        .forEach(fields -> databases.put(fields[0], fields));
            }
        }
        return databases;
    }

    private void checkDockerfile(String name, JsonNode service, List<String> problems) {
        Path dockerfile = dockerfile(service.path("build"));
        if (dockerfile != null && !Files.isRegularFile(dockerfile)) {
            problems.add(name + ": its Dockerfile " + relative(dockerfile) + " does not exist");
        }
    }

    private static void checkDependencies(String name, JsonNode service, Map<String, JsonNode> services,
            List<String> problems) {
        dependsOn(service).forEach((dependency, condition) -> {
            if (!services.containsKey(dependency)) {
                problems.add(name + " depends on " + dependency + ", which is not a compose service");
            } else if (!"service_healthy".equals(condition)) {
                problems.add(name + " depends on " + dependency + " without condition: service_healthy");
            } else if (healthcheck(services.get(dependency)) == null) {
                problems.add(name + " waits for " + dependency + " to be healthy, but " + dependency
                        + " has no healthcheck");
            }
        });
    }

    private static void checkHostPorts(Map<String, JsonNode> services, List<String> problems) {
        Map<Integer, List<String>> publishers = new TreeMap<>();
        services.forEach((name, service) -> ports(service).stream()
                .map(PortMapping::published)
                .filter(Objects::nonNull)
                .distinct()
                .forEach(port -> publishers.computeIfAbsent(port, p -> new ArrayList<>()).add(name)));
        publishers.forEach((port, names) -> {
            if (names.size() > 1) {
                problems.add("host port " + port + " is published by both " + String.join(" and ", names));
            }
        });
    }

    private void checkKafka(Map<String, JsonNode> services, List<String> problems) {
        String name = services.keySet().stream()
                .filter(service -> services.get(service).path("image").asText().startsWith("apache/kafka:"))
                .findFirst().orElse(null);
        if (name == null) {
            problems.add("no compose service runs the apache/kafka image");
            return;
        }
        JsonNode kafka = services.get(name);
        String image = kafka.path("image").asText();
        if (!image.equals("apache/kafka:" + kafkaVersion)) {
            problems.add(name + ": runs " + image + ", but the services' Kafka clients are " + kafkaVersion
                    + " (kafka.version in pom.xml)");
        }
        Map<String, String> environment = environment(kafka);
        if (!"-1".equals(environment.get("KAFKA_LOG_RETENTION_MS"))) {
            problems.add(name + ": KAFKA_LOG_RETENTION_MS is not -1, so events on the public topics would expire");
        }
        String advertised = environment.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
        services.forEach((client, service) -> {
            String bootstrap = environment(service).get("PCN_KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrap == null) {
                return;
            }
            for (String server : bootstrap.split(",")) {
                if (server.trim().startsWith(name + ":") && !advertised.contains("://" + server.trim())) {
                    problems.add(client + ": PCN_KAFKA_BOOTSTRAP_SERVERS " + server.trim()
                            + " is not a listener " + name + " advertises");
                }
            }
        });
    }

    // --- Reading compose: each setting in its short and its long syntax ------------------------------------------

    private String serviceBuiltFrom(Map<String, JsonNode> services, String folder) {
        Path module = projectDir.resolve(folder).normalize();
        return services.entrySet().stream()
                .filter(e -> {
                    String context = buildContext(e.getValue().path("build"));
                    return context != null && projectDir.resolve(context).normalize().equals(module);
                })
                .map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private static String buildContext(JsonNode build) {
        if (build.isTextual()) {
            return build.asText();
        }
        return build.isObject() ? build.path("context").asText(".") : null;
    }

    private Path dockerfile(JsonNode build) {
        String context = buildContext(build);
        if (context == null) {
            return null;
        }
        String dockerfile = build.isObject() ? build.path("dockerfile").asText("Dockerfile") : "Dockerfile";
        return projectDir.resolve(context).resolve(dockerfile).normalize();
    }

    private String relative(Path file) {
        return projectDir.relativize(file).toString();
    }

    private static List<String> exposedPorts(Path dockerfile) {
        try {
            List<String> ports = new ArrayList<>();
            Matcher matcher = EXPOSE.matcher(Files.readString(dockerfile));
            while (matcher.find()) {
                for (String port : matcher.group(1).trim().split("\\s+")) {
                    ports.add(port.replaceFirst("/tcp$", ""));
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code environment:} as a map or as a list of {@code NAME=value}; a name alone (taken from the host) is "". */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.properties().forEach(e -> environment.put(e.getKey(), e.getValue().asText("")));
        } else if (node.isArray()) {
            node.forEach(entry -> {
                String[] pair = entry.asText().split("=", 2);
                environment.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        }
        return environment;
    }

    /** {@code depends_on:} as a list (no condition) or a map of service to its condition. */
    private static Map<String, String> dependsOn(JsonNode service) {
        Map<String, String> dependsOn = new LinkedHashMap<>();
        JsonNode node = service.path("depends_on");
        if (node.isArray()) {
            node.forEach(dependency -> dependsOn.put(dependency.asText(), null));
        } else if (node.isObject()) {
            node.properties().forEach(e -> dependsOn.put(e.getKey(),
                    e.getValue().hasNonNull("condition") ? e.getValue().get("condition").asText() : null));
        }
        return dependsOn;
    }

    record PortMapping(Integer published, int target) {
        @Override
        public String toString() {
            return published == null ? Integer.toString(target) : published + ":" + target;
        }
    }

    /** {@code ports:} as {@code [ip:]published:target[/protocol]}, a bare target, or {target, published}. */
    private static List<PortMapping> ports(JsonNode service) {
        List<PortMapping> ports = new ArrayList<>();
        service.path("ports").forEach(port -> {
            if (port.isObject()) {
                String published = port.path("published").asText("");
                ports.add(new PortMapping(published.isEmpty() ? null : Integer.valueOf(published),
                        port.path("target").asInt()));
            } else {
                String[] parts = port.asText().replaceFirst("/(tcp|udp)$", "").split(":");
                int target = Integer.parseInt(parts[parts.length - 1]);
                ports.add(new PortMapping(parts.length > 1 ? Integer.valueOf(parts[parts.length - 2]) : null, target));
            }
        });
        return ports;
    }

    /** {@code volumes:} of a service, target to source, as {@code source:target[:mode]} or {source, target}. */
    private static Map<String, String> mounts(JsonNode service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        service.path("volumes").forEach(volume -> {
            if (volume.isObject()) {
                mounts.put(volume.path("target").asText(), volume.path("source").asText());
            } else {
                String[] parts = volume.asText().split(":");
                if (parts.length >= 2) {
                    mounts.put(parts[1], parts[0]);
                }
            }
        });
        return mounts;
    }

    /** The host source of the mount that holds {@code path} in the container, or null when none does. */
    private static String mountSource(Map<String, String> mounts, String path) {
        Path inContainer = Path.of(path).normalize();
        return mounts.entrySet().stream()
                .filter(e -> inContainer.startsWith(Path.of(e.getKey()).normalize()))
                .map(e -> {
                    Path below = Path.of(e.getKey()).normalize().relativize(inContainer);
                    return below.toString().isEmpty() ? e.getValue() : Path.of(e.getValue()).resolve(below).toString();
                })
                .findFirst().orElse(null);
    }

    /** The healthcheck command as one string, or null when the service has none (or disables it). */
    private static String healthcheck(JsonNode service) {
        JsonNode healthcheck = service.path("healthcheck");
        if (healthcheck.path("disable").asBoolean(false)) {
            return null;
        }
        JsonNode test = healthcheck.path("test");
        if (test.isTextual()) {
            return test.asText();
        }
        if (!test.isArray() || test.isEmpty() || test.get(0).asText().equals("NONE")) {
            return null;
        }
        List<String> words = new ArrayList<>();
        test.forEach(word -> words.add(word.asText()));
        return String.join(" ", words);
    }

    private static JsonNode readYaml(Path file) {
        try {
            return new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + file, e);
        }
    }
}
