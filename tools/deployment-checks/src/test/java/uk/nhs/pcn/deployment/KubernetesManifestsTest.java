package uk.nhs.pcn.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Kubernetes manifests in deploy/ give every service what production needs (probes, limits, a restricted
 * security context, autoscaling, a disruption budget, a network policy, its own Kafka user and database) and
 * declare every topic of the contract with the retention the platform promises, and alert on events waiting in an
 * outbox and on dead letters.
 */
class KubernetesManifestsTest {

    private static final Path REPO = Path.of(System.getProperty("pcn.repo"));
    private static final Path DEPLOY = REPO.resolve("deploy");

    @Test
    void deployMeetsEveryRuleForEveryService() {
        List<String> violations = ManifestChecker.check(Repository.read(REPO), Manifests.render(DEPLOY));

        assertThat(violations).as("what deploy/ gets wrong").isEmpty();
    }

    @Test
    void brokenManifestsAreRejectedNamingTheResourceAndTheRule() throws URISyntaxException {
        Path broken = Path.of(getClass().getResource("/broken-platform").toURI());

        List<String> violations = ManifestChecker.check(Repository.read(broken), Manifests.render(broken.resolve("deploy")));

        String deployment = "Deployment/example-service";
        String container = deployment + ": container example-service";
        assertThat(violations).containsExactlyInAnyOrder(
                "no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)",
                "Kafka/pcn-kafka: listener plain lets clients connect without authentication",
                "Kafka/pcn-kafka: authorization must be simple, or no KafkaUser's ACLs are enforced",
                "KafkaTopic/pcn.registry.v1: a public topic keeps every event: retention.ms must be -1, not 2592000000",
                "pcn.example.v1: topic in the AsyncAPI document has no KafkaTopic",
                "KafkaTopic/pcn.registry.v1.dlq.example-service: a dead-letter topic keeps 90 days: retention.ms must be"
                        + " 7776000000, not 604800000",
                "no PrometheusRule alerts on pcn_outbox_oldest_pending_seconds (events waiting in an outbox)",
                "no PrometheusRule alerts on records sent to a dead-letter topic"
                        + " (kafka_producer_record_send_total of the kafka-dead-letter-topic-producer clients)",
                container + " has no startupProbe on /q/health/started",
                container + ": livenessProbe must call /q/health/live, not /q/health",
                container + " has no resources.limits.cpu",
                container + " must set allowPrivilegeEscalation: false",
                container + " must have a read-only root filesystem (readOnlyRootFilesystem: true)",
                deployment + ": PCN_EXAMPLE_JDBC_URL must verify the database's certificate (sslmode=verify-full)",
                deployment + ": PCN_EXAMPLE_DB_PASSWORD must come from Secret pcn-example-db-app, key password",
                deployment + ": PCN_KAFKA_BOOTSTRAP_SERVERS must be the TLS listener pcn-kafka-kafka-bootstrap:9093,"
                        + " not pcn-kafka-kafka-bootstrap:9092",
                deployment + ": PCN_KAFKA_SECURITY_PROTOCOL must be SASL_SSL, not PLAINTEXT",
                deployment + ": sets spec.replicas, which every apply would reset under its HorizontalPodAutoscaler",
                "HorizontalPodAutoscaler/example-service: minReplicas must be at least 2, not 1",
                "example-service: no PodDisruptionBudget selects its pods",
                "NetworkPolicy/example-service: ingress on port 5005; only the HTTP port 8089 may be open",
                "NetworkPolicy/example-service: egress to ipBlock 0.0.0.0/0 on port 443 is not Kafka, its own database,"
                        + " DNS, the trace collector, a service whose API it calls or (HTTPS) the identity provider it"
                        + " signs users in with",
                "KafkaUser/example-service: can write pcn.registry.v1, a topic it does not own",
                "KafkaUser/example-service: can read pcn.workforce.v1, a topic it does not consume",
                "KafkaUser/example-service: cannot write its dead-letter topic pcn.registry.v1.dlq.example-service",
                "Cluster/pcn-example-db: no backup to an object store (spec.backup.barmanObjectStore with credentials"
                        + " from a Secret)",
                "Cluster/pcn-example-db: no ScheduledBackup backs it up",
                "Cluster/pcn-example-db: example-service's migrations create extension pgcrypto; create it in"
                        + " bootstrap.initdb.postInitApplicationSQL");
    }

    @Test
    void aServiceWithoutItsManifestsIsReportedMissingEachOne() throws URISyntaxException {
        Path broken = Path.of(getClass().getResource("/broken-platform").toURI());
        List<JsonNode> withoutTheService = Manifests.render(broken.resolve("deploy")).stream()
                .filter(r -> !r.path("metadata").path("name").asText().contains("example"))
                .toList();

        List<String> violations = ManifestChecker.check(Repository.read(broken), withoutTheService);

        assertThat(violations).filteredOn(v -> v.contains("example")).containsExactlyInAnyOrder(
                "example-service: no Deployment named example-service",
                "example-service: no HorizontalPodAutoscaler (autoscaling/v2) scales Deployment/example-service",
                "example-service: no PodDisruptionBudget selects its pods",
                "example-service: no NetworkPolicy of its own (policyTypes Ingress and Egress) selects its pods",
                "example-service: no KafkaUser named example-service",
                "example-service: no CloudNativePG Cluster creates its database pcn_example",
                "pcn.example.v1: topic in the AsyncAPI document has no KafkaTopic",
                "pcn.registry.v1.dlq.example-service: dead-letter topic has no KafkaTopic");
    }

    @Test
    void theFileListFallbackReadsWhatKubectlRenders() {
        Optional<Path> kubectl = Manifests.kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl is not on the PATH");

        assertThat(Manifests.readListedFiles(DEPLOY))
                .containsExactlyInAnyOrderElementsOf(Manifests.renderWithKubectl(kubectl.get(), DEPLOY));
    }

    @Test
    void theKustomizationLeavesTheComposeFolderAlone() {
        assertThat(Manifests.filesListedBy(DEPLOY)).isNotEmpty()
                .noneMatch(file -> file.startsWith(DEPLOY.resolve("compose")));
    }
}
