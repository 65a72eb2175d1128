package uk.nhs.pcn.deployment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service module's configuration says it needs from a deployment: its HTTP port, its database and the
 * environment variables that point at it, the topics it publishes and consumes, its consumer groups and
 * dead-letter topics, and the PostgreSQL extensions its migrations create.
 */
record ServiceModule(String name, Properties config, Set<String> extensions) {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");
    private static final Pattern JDBC_DATABASE = Pattern.compile("jdbc:postgresql://[^/]+/([^?]+).*");
    private static final Pattern CREATE_EXTENSION = Pattern.compile(
            "create\\s+extension\\s+(?:if\\s+not\\s+exists\\s+)?\"?([a-z0-9_]+)", Pattern.CASE_INSENSITIVE);

    /** The module in {@code folder}, if it is a Quarkus service (its application.properties names it). */
    static Optional<ServiceModule> read(Path folder) {
        Path properties = folder.resolve("src/main/resources/application.properties");
        if (!Files.isRegularFile(properties)) {
            return Optional.empty();
        }
        Properties config = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            config.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = config.getProperty("quarkus.application.name");
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new ServiceModule(name, config, extensions(folder.resolve("src/main/resources/db/migration"))));
    }

    /** "registry" for registry-service: the service's part of topic, database and variable names. */
    String prefix() {
        return name.replaceFirst("-service$", "");
    }

    int httpPort() {
        return Integer.parseInt(defaultOf("quarkus.http.port").orElse("8080"));
    }

    /** The environment variable that sets {@code property}, e.g. PCN_REGISTRY_DB_USER. */
    Optional<String> variableFor(String property) {
        return expression(property).map(m -> m.group(1));
    }

    /** The database the service uses, from the default of its JDBC URL; empty if it has none. */
    Optional<String> database() {
        return defaultOf("quarkus.datasource.jdbc.url")
                .map(JDBC_DATABASE::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1));
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
            groups.add(channelProperty(channel, "group.id").orElse(name));
        }
        return groups;
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
        return Optional.of(expression(property).map(m -> m.group(2) == null ? "" : m.group(2)).orElse(value));
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
