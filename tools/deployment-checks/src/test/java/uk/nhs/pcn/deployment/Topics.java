package uk.nhs.pcn.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The platform's Kafka topics: the channels of the AsyncAPI document in pcn-events (the public contract) and the
 * dead-letter topics the services' configuration names.
 */
final class Topics {

    static final String ASYNCAPI = "platform/pcn-events/src/main/resources/asyncapi.yaml";

    private final Set<String> asyncApiTopics;
    private final List<ServiceModule> services;

    Topics(Set<String> asyncApiTopics, List<ServiceModule> services) {
        this.asyncApiTopics = new TreeSet<>(asyncApiTopics);
        this.services = List.copyOf(services);
    }

    static Topics read(Path repository, List<ServiceModule> services) {
        try {
            JsonNode channels = new YAMLMapper().readTree(repository.resolve(ASYNCAPI).toFile()).path("channels");
            Set<String> topics = new TreeSet<>();
            channels.forEach(channel -> topics.add(channel.path("address").asText()));
            return new Topics(topics, services);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Topics everyone may read: every AsyncAPI channel that is not a dead-letter topic. */
    Set<String> publicTopics() {
        Set<String> topics = new TreeSet<>(asyncApiTopics);
        topics.removeIf(Topics::isDeadLetterTopic);
        return topics;
    }

    /** Dead-letter topics, from the AsyncAPI document and from every service's configuration. */
    Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        asyncApiTopics.stream().filter(Topics::isDeadLetterTopic).forEach(topics::add);
        services.forEach(service -> topics.addAll(service.deadLetterTopics()));
        return topics;
    }

    /**
     * The public topics {@code service} publishes: its AsyncAPI channels pcn.&lt;prefix&gt;.v&lt;n&gt;, or
     * pcn.&lt;prefix&gt;.v1 by convention if it publishes and the document has none yet.
     */
    Set<String> publishedBy(ServiceModule service) {
        Set<String> topics = new TreeSet<>();
        if (!service.publishes()) {
            return topics;
        }
        Pattern own = Pattern.compile("pcn\\." + Pattern.quote(service.prefix()) + "\\.v\\d+");
        publicTopics().stream().filter(topic -> own.matcher(topic).matches()).forEach(topics::add);
        if (topics.isEmpty()) {
            topics.add("pcn." + service.prefix() + ".v1");
        }
        return topics;
    }

    static boolean isDeadLetterTopic(String topic) {
        return topic.contains(".dlq.") || topic.startsWith("dead-letter-topic-");
    }
}
