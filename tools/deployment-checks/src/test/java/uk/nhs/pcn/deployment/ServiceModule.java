package uk.nhs.pcn.deployment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service of the platform as its source declares it: a module whose {@code src/main/resources/application.properties}
 * names a {@code quarkus.application.name}. Its configuration says what it needs from a deployment: its HTTP port,
 * the environment variables it reads, its database, the topics it consumes, its consumer groups and dead-letter
 * topics; its migrations say which PostgreSQL extensions its database needs.
 */
final class ServiceModule {

    private static final String APPLICATION_PROPERTIES = "src/main/resources/application.properties";
    private static final String MIGRATIONS = "src/main/resources/db/migration";
    /** A whole value {@code ${NAME}} or {@code ${NAME:default}}. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
    /** {@code ${NAME}} or {@code ${NAME:...}} anywhere in a value, NAME an environment variable (upper case). */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");
    private static final Pattern CREATE_EXTENSION = Pattern.compile(
            "create\\s+extension\\s+(?:if\\s+not\\s+exists\\s+)?\"?([a-z0-9_]+)", Pattern.CASE_INSENSITIVE);

    private final String folder;
    private final Properties config;
    private final Set<String> extensions;

    /**
     * @param folder the module folder, relative to the repository root (e.g. {@code registry-service})
     * @param config the service's configuration, the shared defaults as its {@link Properties#defaults}
     * @param extensions the PostgreSQL extensions its migrations create
     */
    ServiceModule(String folder, Properties config, Set<String> extensions) {
        this.folder = folder;
        this.config = config;
        this.extensions = new TreeSet<>(extensions);
        if (name() == null) {
            throw new IllegalArgumentException(folder + ": no quarkus.application.name");
        }
    }

    /** The module in {@code folder}, if it is a service; {@code shared} are the defaults every service reads. */
    static Optional<ServiceModule> read(Path repository, String folder, Properties shared) {
        Path module = repository.resolve(folder);
        Path properties = module.resolve(APPLICATION_PROPERTIES);
        if (!Files.isRegularFile(properties)) {
            return Optional.empty();
        }
        // The shared defaults (pcn-platform's) apply only to a module built on the shared runtime; the portal is not.
        Properties config = load(properties, buildsOnPlatform(module) ? shared : new Properties());
        if (config.getProperty("quarkus.application.name") == null) {
            return Optional.empty();
        }
        return Optional.of(new ServiceModule(folder, config, extensions(module.resolve(MIGRATIONS))));
    }

    /** Whether the module's POM builds on pcn-platform (directly or through pcn-service-parent). */
    static boolean buildsOnPlatform(Path module) {
        try {
            String pom = Files.readString(module.resolve("pom.xml"));
            return pom.contains("<artifactId>pcn-service-parent</artifactId>")
                    || pom.contains("<artifactId>pcn-platform</artifactId>");
        } catch (IOException e) {
            return true;
        }
    }

    /** A properties file; {@code defaults} answer for the keys it does not set. */
    static Properties load(Path file, Properties defaults) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Properties properties = new Properties(defaults);
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module folder, relative to the repository root. */
    String folder() {
        return folder;
    }

    /** The application name, e.g. registry-service: also the name of its Deployment, Kafka user and consumer group. */
    String name() {
        return config.getProperty("quarkus.application.name");
    }

    /** "registry" for registry-service: the service's part of topic, database and variable names. */
    String prefix() {
        return name().replaceFirst("-service$", "");
    }

    /** The HTTP port: the default of {@code quarkus.http.port}. */
    int port() {
        String port = defaultOf("quarkus.http.port").orElse("8080");
        if (!port.matches("\\d+")) {
            throw new IllegalStateException(folder + ": quarkus.http.port is neither a number nor ${VARIABLE:port}: "
                    + config.getProperty("quarkus.http.port"));
        }
        return Integer.parseInt(port);
    }

    /** The environment variable that overrides the port, e.g. PCN_REGISTRY_PORT. */
    Optional<String> portVariable() {
        return variableFor("quarkus.http.port");
    }

    /** The environment variable that sets {@code property}, e.g. PCN_REGISTRY_DB_USER. */
    Optional<String> variableFor(String property) {
        return expression(property).map(m -> m.group(1));
    }

    /** Every environment variable the service's configuration reads, its own and the shared ones. */
    SortedSet<String> variables() {
        SortedSet<String> variables = new TreeSet<>();
        for (String key : config.stringPropertyNames()) {
            Matcher m = VARIABLE.matcher(config.getProperty(key));
            while (m.find()) {
                variables.add(m.group(1));
            }
        }
        return variables;
    }

    /** The other services whose API this one calls: those whose URL variable ({@code PCN_REGISTRY_URL}) it reads. */
    Set<String> calledServicePrefixes() {
        Set<String> prefixes = new TreeSet<>();
        for (String variable : variables()) {
            Matcher m = Pattern.compile("PCN_([A-Z]+)_URL").matcher(variable);
            if (m.matches()) {
                prefixes.add(m.group(1).toLowerCase());
            }
        }
        return prefixes;
    }

    /** Whether it signs users in with an OpenID Connect provider outside the cluster. */
    boolean signsInWithIdentityProvider() {
        return variables().contains("PCN_OIDC_AUTH_SERVER_URL");
    }

    /** The database the service uses, from the default of its JDBC URL; empty if it has none. */
    Optional<String> database() {
        return defaultOf("quarkus.datasource.jdbc.url").flatMap(JdbcUrl::parse).map(JdbcUrl::database);
    }

    /** The PostgreSQL extensions its migrations create. */
    Set<String> extensions() {
        return extensions;
    }

    /** Whether the service publishes events (through the outbox relay). */
    boolean publishes() {
        return config.getProperty("pcn.outbox.source") != null;
    }

    boolean usesKafka() {
        return publishes() || !incomingChannels().isEmpty();
    }

    /** The topic of every incoming Kafka channel (SmallRye's default: the channel's name). */
    Set<String> consumedTopics() {
        Set<String> topics = new TreeSet<>();
        for (String channel : incomingChannels()) {
            topics.add(channelProperty(channel, "topic").orElse(channel));
        }
        return topics;
    }

    /** Consumer group of every incoming channel (Quarkus's default: the application name). */
    Set<String> consumerGroups() {
        Set<String> groups = new TreeSet<>();
        for (String channel : incomingChannels()) {
            groups.add(channelProperty(channel, "group.id").orElse(name()));
        }
        return groups;
    }

    /**
     * The fixed start of a consumer group made per instance ({@code pcn-portal-${quarkus.uuid}}: every replica reads
     * every record), which the KafkaUser may use by prefix; empty for a group named in full.
     */
    static Optional<String> perInstancePrefix(String group) {
        int expression = group.indexOf("${");
        return expression > 0 ? Optional.of(group.substring(0, expression)) : Optional.empty();
    }

    /** Dead-letter topic of every channel that dead-letters (SmallRye's default: dead-letter-topic-channel). */
    Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        for (String channel : incomingChannels()) {
            if (channelProperty(channel, "failure-strategy").filter("dead-letter-queue"::equals).isPresent()) {
                topics.add(channelProperty(channel, "dead-letter-queue.topic").orElse("dead-letter-topic-" + channel));
            }
        }
        return topics;
    }

    @Override
    public String toString() {
        return name();
    }

    private Set<String> incomingChannels() {
        Set<String> channels = new TreeSet<>();
        for (String key : config.stringPropertyNames()) {
            Matcher m = INCOMING.matcher(key);
            if (m.matches() && "smallrye-kafka".equals(config.getProperty(key))) {
                channels.add(m.group(1));
            }
        }
        return channels;
    }

    private Optional<String> channelProperty(String channel, String attribute) {
        return Optional.ofNullable(config.getProperty("mp.messaging.incoming." + channel + "." + attribute));
    }

    /** The value of {@code property} when its variable is unset: the default of ${VAR:default}, or the value. */
    private Optional<String> defaultOf(String property) {
        String value = config.getProperty(property);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(expression(property).map(m -> m.group(2) == null ? "" : m.group(2)).orElse(value.trim()));
    }

    private Optional<Matcher> expression(String property) {
        String value = config.getProperty(property);
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = EXPRESSION.matcher(value.trim());
        return m.matches() ? Optional.of(m) : Optional.empty();
    }

    private static Set<String> extensions(Path migrations) {
        Set<String> extensions = new TreeSet<>();
        if (!Files.isDirectory(migrations)) {
            return extensions;
        }
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path sql : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATE_EXTENSION.matcher(Files.readString(sql));
                while (m.find()) {
                    extensions.add(m.group(1).toLowerCase());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return extensions;
    }
}
