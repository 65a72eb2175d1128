package uk.nhs.pcn.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the repository says a deployment must provide: the service modules (found through the root POM, so a new
 * service is checked without being listed anywhere) and the topics of the AsyncAPI document.
 */
record Platform(List<ServiceModule> services, Set<String> asyncApiTopics) {

    static final String ASYNCAPI = "platform/pcn-events/src/main/resources/asyncapi.yaml";

    static Platform read(Path repository) {
        List<ServiceModule> services = new ArrayList<>();
        for (String module : modules(repository.resolve("pom.xml"))) {
            ServiceModule.read(repository.resolve(module)).ifPresent(services::add);
        }
        return new Platform(services, asyncApiTopics(repository.resolve(ASYNCAPI)));
    }

    /** Topics everyone may read: every AsyncAPI channel that is not a dead-letter topic. */
    Set<String> publicTopics() {
        Set<String> topics = new TreeSet<>(asyncApiTopics);
        topics.removeIf(Platform::isDeadLetterTopic);
        return topics;
    }

    /** Dead-letter topics, from the AsyncAPI document and from every service's configuration. */
    Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        asyncApiTopics.stream().filter(Platform::isDeadLetterTopic).forEach(topics::add);
        services.forEach(s -> topics.addAll(s.deadLetterTopics()));
        return topics;
    }

    /**
     * The public topics {@code service} publishes: its AsyncAPI channels pcn.&lt;prefix&gt;.v&lt;n&gt;, or
     * pcn.&lt;prefix&gt;.v1 by convention if it publishes and the document has none yet.
     */
    Set<String> topicsPublishedBy(ServiceModule service) {
        Set<String> topics = new TreeSet<>();
        if (!service.publishes()) {
            return topics;
        }
        Pattern own = Pattern.compile("pcn\\." + Pattern.quote(service.prefix()) + "\\.v\\d+");
        publicTopics().stream().filter(t -> own.matcher(t).matches()).forEach(topics::add);
        if (topics.isEmpty()) {
            topics.add("pcn." + service.prefix() + ".v1");
        }
        return topics;
    }

    static boolean isDeadLetterTopic(String topic) {
        return topic.contains(".dlq.") || topic.startsWith("dead-letter-topic-");
    }

    private static List<String> modules(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList modules = factory.newDocumentBuilder().parse(pom.toFile()).getElementsByTagName("module");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < modules.getLength(); i++) {
                names.add(modules.item(i).getTextContent().trim());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("Cannot read the modules of " + pom, e);
        }
    }

    private static Set<String> asyncApiTopics(Path asyncApi) {
        try {
            JsonNode channels = new YAMLMapper().readTree(asyncApi.toFile()).path("channels");
            Set<String> topics = new TreeSet<>();
            channels.forEach(channel -> topics.add(channel.path("address").asText()));
            return topics;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
