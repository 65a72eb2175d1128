package uk.nhs.pcn.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Both checks see the repository through {@link Repository}: its service modules, what they read, their topics. */
class RepositoryTest {

    private static final Repository REPOSITORY = Repository.read(Path.of(System.getProperty("pcn.repo")));

    @Test
    void serviceModulesAreFoundThroughTheRootPomWithTheirPorts() {
        assertThat(REPOSITORY.services())
                .extracting(ServiceModule::name, ServiceModule::folder, ServiceModule::port,
                        ServiceModule::portVariable)
                .contains(tuple("registry-service", "registry-service", 8081, Optional.of("PCN_REGISTRY_PORT")),
                        tuple("workforce-service", "workforce-service", 8082, Optional.of("PCN_WORKFORCE_PORT")));
        assertThat(REPOSITORY.services()).extracting(ServiceModule::folder)
                .as("only modules with an application name are services")
                .doesNotContain("platform/pcn-platform", "tools/pcn-local", "tools/deployment-checks");
    }

    @Test
    void aServiceReadsItsOwnVariablesAndThoseOfTheSharedConfiguration() {
        assertThat(service("workforce-service").variables())
                .contains("PCN_WORKFORCE_JDBC_URL", "PCN_WORKFORCE_RULES_FILE", "PCN_KAFKA_BOOTSTRAP_SERVERS",
                        "PCN_KAFKA_SASL_JAAS_CONFIG", "PCN_JWT_PUBLIC_KEY", "PCN_JWT_ISSUER")
                .noneMatch(variable -> variable.startsWith("PCN_REGISTRY_"));
    }

    @Test
    void aSharedSettingTheServiceOverridesNoLongerReadsItsVariable() {
        Properties shared = new Properties();
        shared.setProperty("kafka.security.protocol", "${PCN_KAFKA_SECURITY_PROTOCOL:PLAINTEXT}");
        shared.setProperty("mp.jwt.verify.issuer", "${PCN_JWT_ISSUER:urn:pcn:dev}");
        Properties config = new Properties(shared);
        config.setProperty("quarkus.application.name", "example-service");
        config.setProperty("kafka.security.protocol", "SASL_SSL");

        ServiceModule example = new ServiceModule("example-service", config, Set.of());

        assertThat(example.variables()).containsExactly("PCN_JWT_ISSUER");
        assertThat(example.port()).as("Quarkus's default").isEqualTo(8080);
        assertThat(example.portVariable()).isEmpty();
    }

    @Test
    void aServiceModuleSaysWhatItNeedsFromADeployment() {
        ServiceModule registry = service("registry-service");
        assertThat(registry.database()).contains("pcn_registry");
        assertThat(registry.variableFor("quarkus.datasource.password")).contains("PCN_REGISTRY_DB_PASSWORD");
        assertThat(registry.extensions()).contains("btree_gist");
        ServiceModule workforce = service("workforce-service");
        assertThat(workforce.consumedTopics()).contains("pcn.registry.v1");
        assertThat(workforce.consumerGroups()).contains("workforce-service");
        assertThat(workforce.deadLetterTopics()).contains("pcn.registry.v1.dlq.workforce-service");
    }

    @Test
    void topicsComeFromTheAsyncApiDocumentAndTheServicesDeadLetterQueues() {
        Topics topics = REPOSITORY.topics();
        assertThat(topics.publicTopics()).contains("pcn.registry.v1", "pcn.workforce.v1")
                .noneMatch(Topics::isDeadLetterTopic);
        assertThat(topics.publishedBy(service("registry-service"))).containsExactly("pcn.registry.v1");
        assertThat(topics.deadLetterTopics()).contains("pcn.registry.v1.dlq.workforce-service");
    }

    private static ServiceModule service(String name) {
        return REPOSITORY.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
