package uk.nhs.pcn.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the repository says a deployment must provide: its service modules, found through the root POM so that a
 * new service is checked without being listed anywhere, and its topics.
 */
final class Repository {

    /** The defaults every service reads: pcn-platform is on every service's class path (service-parent). */
    static final String SHARED_CONFIG =
            "platform/pcn-platform/src/main/resources/META-INF/microprofile-config.properties";

    private final RootPom rootPom;
    private final List<ServiceModule> services;
    private final Topics topics;

    private Repository(RootPom rootPom, List<ServiceModule> services, Topics topics) {
        this.rootPom = rootPom;
        this.services = List.copyOf(services);
        this.topics = topics;
    }

    static Repository read(Path root) {
        RootPom rootPom = RootPom.read(root);
        Properties shared = sharedConfig(root);
        List<ServiceModule> services = new ArrayList<>();
        for (String folder : rootPom.modules()) {
            ServiceModule.read(root, folder, shared).ifPresent(services::add);
        }
        return new Repository(rootPom, services, Topics.read(root, services));
    }

    /** The service modules, in the root POM's build order. */
    List<ServiceModule> services() {
        return services;
    }

    Topics topics() {
        return topics;
    }

    /** The Kafka version the services' clients are built with. */
    String kafkaVersion() {
        return rootPom.property("kafka.version");
    }

    /** A repository without pcn-platform (a test's made-up one) shares no configuration. */
    private static Properties sharedConfig(Path root) {
        Path file = root.resolve(SHARED_CONFIG);
        return Files.isRegularFile(file) ? ServiceModule.load(file, null) : new Properties();
    }
}
