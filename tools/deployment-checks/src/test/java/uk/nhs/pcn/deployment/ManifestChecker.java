package uk.nhs.pcn.deployment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Holds rendered Kubernetes manifests to what the platform's services need in production. Each violation names
 * the resource ({@code Kind/name}, or the service when a resource is missing) and the rule it breaks.
 */
final class ManifestChecker {

    private static final long DEAD_LETTER_RETENTION_MS = 90L * 24 * 60 * 60 * 1000;
    private static final int POSTGRES_PORT = 5432;
    private static final int DNS_PORT = 53;
    private static final Set<Integer> OTLP_PORTS = Set.of(4317, 4318);
    private static final Map<String, String> PROBES = Map.of("startupProbe", "/q/health/started",
            "readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");
    private static final Set<String> WRITE_OPERATIONS = Set.of("Write", "Create", "Delete", "Alter", "AlterConfigs", "All");
    private static final Set<String> READ_OPERATIONS = Set.of("Read", "All");

    private final List<ServiceModule> services;
    private final Topics topics;
    private final List<JsonNode> resources;
    private final Set<String> violations = new LinkedHashSet<>();
    private String kafkaCluster = "pcn-kafka";
    private int kafkaTlsPort = 9093;

    private ManifestChecker(Repository repository, List<JsonNode> resources) {
        this.services = repository.services();
        this.topics = repository.topics();
        this.resources = resources;
    }

    static List<String> check(Repository repository, List<JsonNode> resources) {
        ManifestChecker checker = new ManifestChecker(repository, resources);
        checker.checkDefaultDeny();
        checker.checkKafkaCluster();
        checker.checkTopics();
        checker.checkAlerts();
        for (ServiceModule service : checker.services) {
            checker.checkService(service);
        }
        return List.copyOf(checker.violations);
    }

    // --- Namespace -------------------------------------------------------------------------------------------

    private void checkDefaultDeny() {
        boolean present = ofKind("NetworkPolicy").anyMatch(policy -> {
            JsonNode spec = policy.path("spec");
            return isEmpty(spec.path("podSelector"))
                    && texts(spec.path("policyTypes")).containsAll(Set.of("Ingress", "Egress"))
                    && isEmpty(spec.path("ingress")) && isEmpty(spec.path("egress"));
        });
        if (!present) {
            violations.add("no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)");
        }
    }

    // --- Kafka -----------------------------------------------------------------------------------------------

    private void checkKafkaCluster() {
        if (services.stream().noneMatch(ServiceModule::usesKafka)) {
            return;
        }
        List<JsonNode> clusters = ofKind("Kafka").toList();
        if (clusters.size() != 1) {
            violations.add("expected one Strimzi Kafka cluster, found " + clusters.size());
            return;
        }
        JsonNode kafka = clusters.get(0);
        kafkaCluster = name(kafka);
        String where = "Kafka/" + kafkaCluster;
        Optional<JsonNode> tls = Optional.empty();
        for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
            String type = listener.path("authentication").path("type").asText("");
            if (type.isEmpty()) {
                violations.add(where + ": listener " + listener.path("name").asText()
                        + " lets clients connect without authentication");
            } else if (listener.path("tls").asBoolean() && type.equals("scram-sha-512") && tls.isEmpty()) {
                tls = Optional.of(listener);
            }
        }
        if (tls.isEmpty()) {
            violations.add(where + ": no TLS listener with scram-sha-512 authentication for the services");
        } else {
            kafkaTlsPort = tls.get().path("port").asInt();
        }
        if (!"simple".equals(kafka.path("spec").path("kafka").path("authorization").path("type").asText())) {
            violations.add(where + ": authorization must be simple, or no KafkaUser's ACLs are enforced");
        }
    }

    private void checkTopics() {
        for (String topic : topics.publicTopics()) {
            Optional<JsonNode> found = kafkaTopic(topic);
            if (found.isEmpty()) {
                violations.add(topic + ": topic in the AsyncAPI document has no KafkaTopic");
                continue;
            }
            String where = "KafkaTopic/" + name(found.get());
            JsonNode spec = found.get().path("spec");
            for (String limit : List.of("retention.ms", "retention.bytes")) {
                String value = spec.path("config").path(limit).asText("unset");
                if (!value.equals("-1")) {
                    violations.add(where + ": a public topic keeps every event: " + limit + " must be -1, not " + value);
                }
            }
            checkDurability(where, spec);
        }
        for (String topic : topics.deadLetterTopics()) {
            Optional<JsonNode> found = kafkaTopic(topic);
            if (found.isEmpty()) {
                violations.add(topic + ": dead-letter topic has no KafkaTopic");
                continue;
            }
            String where = "KafkaTopic/" + name(found.get());
            String retention = found.get().path("spec").path("config").path("retention.ms").asText("unset");
            if (!retention.equals(Long.toString(DEAD_LETTER_RETENTION_MS))) {
                violations.add(where + ": a dead-letter topic keeps 90 days: retention.ms must be "
                        + DEAD_LETTER_RETENTION_MS + ", not " + retention);
            }
            checkDurability(where, found.get().path("spec"));
        }
    }

    private void checkDurability(String where, JsonNode spec) {
        if (spec.path("replicas").asInt() < 3 || spec.path("config").path("min.insync.replicas").asInt() < 2) {
            violations.add(where + ": needs replicas >= 3 and min.insync.replicas >= 2, so one broker's loss loses nothing");
        }
    }

    private Optional<JsonNode> kafkaTopic(String topic) {
        Optional<JsonNode> found = ofKind("KafkaTopic")
                .filter(t -> topic.equals(t.path("spec").path("topicName").asText(name(t))))
                .findFirst();
        found.ifPresent(t -> checkStrimziCluster("KafkaTopic", t));
        return found;
    }

    private void checkStrimziCluster(String kind, JsonNode resource) {
        if (!kafkaCluster.equals(resource.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
            violations.add(kind + "/" + name(resource) + ": label strimzi.io/cluster must be " + kafkaCluster
                    + ", or no operator manages it");
        }
    }

    // --- Alerts ----------------------------------------------------------------------------------------------

    /** Events stuck in an outbox and records sent to a dead-letter topic page someone; nothing else shows them. */
    private void checkAlerts() {
        List<String> expressions = ofKind("PrometheusRule")
                .flatMap(rule -> stream(rule.path("spec").path("groups")))
                .flatMap(group -> stream(group.path("rules")))
                .map(rule -> rule.path("expr").asText())
                .toList();
        if (services.stream().anyMatch(ServiceModule::publishes)
                && expressions.stream().noneMatch(e -> e.contains("pcn_outbox_oldest_pending_seconds"))) {
            violations.add("no PrometheusRule alerts on pcn_outbox_oldest_pending_seconds (events waiting in an outbox)");
        }
        if (!topics.deadLetterTopics().isEmpty()
                && expressions.stream().noneMatch(e -> e.contains("kafka-dead-letter-topic-producer"))) {
            violations.add("no PrometheusRule alerts on records sent to a dead-letter topic"
                    + " (kafka_producer_record_send_total of the kafka-dead-letter-topic-producer clients)");
        }
    }

    // --- Services --------------------------------------------------------------------------------------------

    private void checkService(ServiceModule service) {
        Optional<JsonNode> deployment = ofKind("Deployment").filter(d -> name(d).equals(service.name())).findFirst();
        if (deployment.isEmpty()) {
            violations.add(service.name() + ": no Deployment named " + service.name());
        }
        // Without a Deployment, look for the rest by the label every service's pods carry.
        Map<String, String> podLabels = deployment
                .map(d -> labels(d.path("spec").path("template").path("metadata").path("labels")))
                .orElse(Map.of("app.kubernetes.io/name", service.name()));
        Optional<String> databaseCluster = service.database().flatMap(db -> checkDatabase(service, db));

        deployment.ifPresent(d -> checkDeployment(service, d, databaseCluster));
        checkScaling(service, deployment, podLabels);
        checkNetworkPolicy(service, podLabels, databaseCluster);
        if (service.usesKafka()) {
            checkKafkaUser(service);
        }
    }

    private void checkDeployment(ServiceModule service, JsonNode deployment, Optional<String> databaseCluster) {
        String where = "Deployment/" + service.name();
        JsonNode podSpec = deployment.path("spec").path("template").path("spec");
        JsonNode containers = podSpec.path("containers");
        if (containers.isEmpty()) {
            violations.add(where + ": no containers");
            return;
        }
        for (JsonNode container : containers) {
            String inContainer = where + ": container " + container.path("name").asText();
            checkProbes(inContainer, container);
            checkResources(inContainer, container);
            checkSecurityContext(inContainer, podSpec, container);
        }
        JsonNode container = containers.get(0);
        Env env = new Env(container.path("env"));
        checkPort(where, service, container, env);
        databaseCluster.ifPresent(cluster -> checkDatabaseEnv(where, service, cluster, env));
        if (service.usesKafka()) {
            checkKafkaEnv(where, service, podSpec, container, env);
        }
    }

    private void checkProbes(String where, JsonNode container) {
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            String expected = PROBES.get(probe);
            String path = container.path(probe).path("httpGet").path("path").asText("");
            if (container.path(probe).isMissingNode()) {
                violations.add(where + " has no " + probe + " on " + expected);
            } else if (!path.equals(expected)) {
                violations.add(where + ": " + probe + " must call " + expected + ", not " + path);
            }
        }
    }

    private void checkResources(String where, JsonNode container) {
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (container.path("resources").path(bound).path(resource).asText("").isEmpty()) {
                    violations.add(where + " has no resources." + bound + "." + resource);
                }
            }
        }
    }

    private void checkSecurityContext(String where, JsonNode podSpec, JsonNode container) {
        JsonNode pod = podSpec.path("securityContext");
        JsonNode own = container.path("securityContext");
        if (!effective(own, pod, "runAsNonRoot").asBoolean()) {
            violations.add(where + " must set runAsNonRoot: true (pod or container securityContext)");
        }
        if (effective(own, pod, "runAsUser").asLong(0) <= 0) {
            violations.add(where + " must run as a fixed non-root UID (runAsUser)");
        }
        if (!"RuntimeDefault".equals(effective(own, pod, "seccompProfile").path("type").asText())) {
            violations.add(where + " must use seccompProfile RuntimeDefault");
        }
        if (!own.path("allowPrivilegeEscalation").isBoolean() || own.path("allowPrivilegeEscalation").asBoolean()) {
            violations.add(where + " must set allowPrivilegeEscalation: false");
        }
        if (!texts(own.path("capabilities").path("drop")).contains("ALL")) {
            violations.add(where + " must drop ALL capabilities");
        }
        if (!own.path("readOnlyRootFilesystem").asBoolean()) {
            violations.add(where + " must have a read-only root filesystem (readOnlyRootFilesystem: true)");
        } else if (!mountsEmptyDir(podSpec, container, "/tmp")) {
            violations.add(where + " needs an emptyDir volume at /tmp (its root filesystem is read-only)");
        }
    }

    private static JsonNode effective(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }

    private void checkPort(String where, ServiceModule service, JsonNode container, Env env) {
        int port = service.portVariable().flatMap(env::value).map(Integer::parseInt).orElse(service.port());
        boolean declared = stream(container.path("ports"))
                .anyMatch(p -> p.path("name").asText().equals("http") && p.path("containerPort").asInt() == port);
        if (!declared) {
            violations.add(where + ": needs container port http = " + port + ", the port " + service.name()
                    + " listens on");
        }
    }

    private void checkDatabaseEnv(String where, ServiceModule service, String cluster, Env env) {
        service.variableFor("quarkus.datasource.jdbc.url").ifPresent(variable -> {
            Optional<String> value = env.value(variable);
            Optional<JdbcUrl> url = value.flatMap(JdbcUrl::parse);
            if (value.isEmpty()) {
                violations.add(where + ": " + variable + " must be set to the JDBC URL of " + cluster + "-rw");
            } else if (url.isEmpty() || !url.get().host().startsWith(cluster + "-rw")
                    || !url.get().database().equals(service.database().orElseThrow())) {
                violations.add(where + ": " + variable + " must point at " + cluster + "-rw (the primary of Cluster/"
                        + cluster + "), database " + service.database().orElseThrow());
            } else if (!url.get().hasParameter("sslmode=verify-full")) {
                violations.add(where + ": " + variable + " must verify the database's certificate (sslmode=verify-full)");
            }
        });
        requireSecret(where, env, service.variableFor("quarkus.datasource.username"), cluster + "-app", "username");
        requireSecret(where, env, service.variableFor("quarkus.datasource.password"), cluster + "-app", "password");
    }

    private void requireSecret(String where, Env env, Optional<String> variable, String secret, String key) {
        variable.ifPresent(name -> {
            JsonNode ref = env.entry(name).path("valueFrom").path("secretKeyRef");
            if (!ref.path("name").asText().equals(secret) || !ref.path("key").asText().equals(key)) {
                violations.add(where + ": " + name + " must come from Secret " + secret + ", key " + key);
            }
        });
    }

    private void checkKafkaEnv(String where, ServiceModule service, JsonNode podSpec, JsonNode container, Env env) {
        String bootstrap = kafkaCluster + "-kafka-bootstrap:" + kafkaTlsPort;
        String servers = env.value("PCN_KAFKA_BOOTSTRAP_SERVERS").orElse("unset");
        if (!servers.equals(bootstrap)) {
            violations.add(where + ": PCN_KAFKA_BOOTSTRAP_SERVERS must be the TLS listener " + bootstrap + ", not " + servers);
        }
        requireValue(where, env, "PCN_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        requireValue(where, env, "PCN_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        requireValue(where, env, "PCN_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
        requireSecret(where, env, Optional.of("PCN_KAFKA_SASL_JAAS_CONFIG"), service.name(), "sasl.jaas.config");
        String caSecret = kafkaCluster + "-cluster-ca-cert";
        String truststore = env.value("PCN_KAFKA_SSL_TRUSTSTORE_LOCATION").orElse("");
        boolean mounted = stream(container.path("volumeMounts"))
                .filter(m -> !m.path("mountPath").asText().isEmpty()
                        && truststore.startsWith(m.path("mountPath").asText() + "/"))
                .map(m -> volume(podSpec, m.path("name").asText()))
                .anyMatch(v -> v.path("secret").path("secretName").asText().equals(caSecret));
        if (!mounted) {
            violations.add(where + ": PCN_KAFKA_SSL_TRUSTSTORE_LOCATION must name a file mounted from Secret " + caSecret);
        }
    }

    private void requireValue(String where, Env env, String variable, String expected) {
        String actual = env.value(variable).orElse("unset");
        if (!actual.equals(expected)) {
            violations.add(where + ": " + variable + " must be " + expected + ", not " + actual);
        }
    }

    // --- Scaling and disruption --------------------------------------------------------------------------------

    private void checkScaling(ServiceModule service, Optional<JsonNode> deployment, Map<String, String> podLabels) {
        Optional<JsonNode> hpa = ofKind("HorizontalPodAutoscaler")
                .filter(h -> h.path("apiVersion").asText().equals("autoscaling/v2"))
                .filter(h -> h.path("spec").path("scaleTargetRef").path("kind").asText().equals("Deployment")
                        && h.path("spec").path("scaleTargetRef").path("name").asText().equals(service.name()))
                .findFirst();
        if (hpa.isEmpty()) {
            violations.add(service.name() + ": no HorizontalPodAutoscaler (autoscaling/v2) scales Deployment/"
                    + service.name());
        } else {
            int minReplicas = hpa.get().path("spec").path("minReplicas").asInt(1);
            if (minReplicas < 2) {
                violations.add("HorizontalPodAutoscaler/" + name(hpa.get())
                        + ": minReplicas must be at least 2, not " + minReplicas);
            }
            if (deployment.filter(d -> d.path("spec").has("replicas")).isPresent()) {
                violations.add("Deployment/" + service.name()
                        + ": sets spec.replicas, which every apply would reset under its HorizontalPodAutoscaler");
            }
        }
        boolean budgeted = ofKind("PodDisruptionBudget")
                .filter(p -> selects(p.path("spec").path("selector").path("matchLabels"), podLabels))
                .anyMatch(p -> p.path("spec").has("minAvailable") || p.path("spec").has("maxUnavailable"));
        if (!budgeted) {
            violations.add(service.name() + ": no PodDisruptionBudget selects its pods");
        }
    }

    // --- Network policy --------------------------------------------------------------------------------------

    private void checkNetworkPolicy(ServiceModule service, Map<String, String> podLabels, Optional<String> databaseCluster) {
        List<JsonNode> policies = ofKind("NetworkPolicy")
                .filter(p -> selects(p.path("spec").path("podSelector").path("matchLabels"), podLabels))
                .toList();
        boolean both = policies.stream().anyMatch(
                p -> texts(p.path("spec").path("policyTypes")).containsAll(Set.of("Ingress", "Egress")));
        if (!both) {
            violations.add(service.name() + ": no NetworkPolicy of its own (policyTypes Ingress and Egress) selects its pods");
            return;
        }
        int httpPort = service.port();
        Set<Destination> reached = new TreeSet<>();
        for (JsonNode policy : policies) {
            String where = "NetworkPolicy/" + name(policy);
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (isEmpty(rule.path("ports"))) {
                    violations.add(where + ": an ingress rule opens every port; only the HTTP port " + httpPort + " may be open");
                }
                for (JsonNode port : rule.path("ports")) {
                    String value = port.path("port").asText();
                    if (!value.equals(Integer.toString(httpPort)) && !value.equals("http")) {
                        violations.add(where + ": ingress on port " + value + "; only the HTTP port " + httpPort
                                + " may be open");
                    }
                }
            }
            for (JsonNode rule : policy.path("spec").path("egress")) {
                if (isEmpty(rule.path("ports")) || isEmpty(rule.path("to"))) {
                    violations.add(where + ": an egress rule allows every port or every destination");
                    continue;
                }
                for (JsonNode peer : rule.path("to")) {
                    for (JsonNode port : rule.path("ports")) {
                        Destination destination = destination(service, peer, port.path("port").asInt(-1),
                                databaseCluster);
                        reached.add(destination);
                        if (destination == Destination.ELSEWHERE) {
                            violations.add(where + ": egress to " + describe(peer) + " on port " + port.path("port").asText()
                                    + " is not Kafka, its own database, DNS, the trace collector, a service whose API it"
                                    + " calls or (HTTPS) the identity provider it signs users in with");
                        }
                    }
                }
            }
        }
        String where = service.name() + ": its NetworkPolicy";
        if (!reached.contains(Destination.DNS)) {
            violations.add(where + " allows no egress to DNS (port 53)");
        }
        if (service.usesKafka() && !reached.contains(Destination.KAFKA)) {
            violations.add(where + " allows no egress to Kafka (pods of " + kafkaCluster + ", port " + kafkaTlsPort + ")");
        }
        if (databaseCluster.isPresent() && !reached.contains(Destination.DATABASE)) {
            violations.add(where + " allows no egress to its database (pods of " + databaseCluster.get() + ", port 5432)");
        }
    }

    /** Where a service may send traffic; anything else is ELSEWHERE. */
    private enum Destination { DNS, KAFKA, DATABASE, TRACE_COLLECTOR, PLATFORM_SERVICE, IDENTITY_PROVIDER, ELSEWHERE }

    private Destination destination(ServiceModule from, JsonNode peer, int port, Optional<String> databaseCluster) {
        JsonNode pods = peer.path("podSelector").path("matchLabels");
        boolean inNamespace = !peer.has("namespaceSelector") && !peer.has("ipBlock");
        String app = pods.path("app.kubernetes.io/name").asText();
        boolean calledService = inNamespace && services.stream()
                .anyMatch(s -> s.name().equals(app) && s.port() == port
                        && from.calledServicePrefixes().contains(s.prefix()));
        if (calledService) {
            return Destination.PLATFORM_SERVICE;
        }
        if (port == 443 && peer.has("ipBlock") && from.signsInWithIdentityProvider()) {
            return Destination.IDENTITY_PROVIDER;
        }
        if (port == DNS_PORT && !peer.has("ipBlock")) {
            return Destination.DNS;
        }
        if (port == kafkaTlsPort && inNamespace && pods.path("strimzi.io/cluster").asText().equals(kafkaCluster)) {
            return Destination.KAFKA;
        }
        if (port == POSTGRES_PORT && inNamespace && databaseCluster.isPresent()
                && pods.path("cnpg.io/cluster").asText().equals(databaseCluster.get())) {
            return Destination.DATABASE;
        }
        if (OTLP_PORTS.contains(port) && peer.has("namespaceSelector") && !peer.has("ipBlock")) {
            return Destination.TRACE_COLLECTOR;
        }
        return Destination.ELSEWHERE;
    }

    private static String describe(JsonNode peer) {
        if (peer.has("ipBlock")) {
            return "ipBlock " + peer.path("ipBlock").path("cidr").asText();
        }
        List<String> parts = new ArrayList<>();
        if (peer.has("namespaceSelector")) {
            parts.add("namespaces " + labels(peer.path("namespaceSelector").path("matchLabels")));
        }
        if (peer.has("podSelector")) {
            parts.add("pods " + labels(peer.path("podSelector").path("matchLabels")));
        }
        return String.join(", ", parts);
    }

    // --- Kafka user ------------------------------------------------------------------------------------------

    private void checkKafkaUser(ServiceModule service) {
        Optional<JsonNode> user = ofKind("KafkaUser").filter(u -> name(u).equals(service.name())).findFirst();
        if (user.isEmpty()) {
            violations.add(service.name() + ": no KafkaUser named " + service.name());
            return;
        }
        String where = "KafkaUser/" + service.name();
        checkStrimziCluster("KafkaUser", user.get());
        JsonNode spec = user.get().path("spec");
        if (!spec.path("authentication").path("type").asText().equals("scram-sha-512")) {
            violations.add(where + ": authentication must be scram-sha-512");
        }
        if (!spec.path("authorization").path("type").asText().equals("simple")) {
            violations.add(where + ": authorization must be simple, with ACLs");
        }
        Set<String> owned = new TreeSet<>(topics.publishedBy(service));
        owned.addAll(service.deadLetterTopics());
        Set<String> writes = new TreeSet<>();
        Set<String> reads = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Set<String> instanceGroupPrefixes = new TreeSet<>();
        service.consumerGroups().forEach(g -> ServiceModule.perInstancePrefix(g).ifPresent(instanceGroupPrefixes::add));
        for (JsonNode acl : spec.path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            String type = resource.path("type").asText();
            String name = resource.path("name").asText();
            Set<String> operations = texts(acl.path("operations"));
            operations.addAll(texts(acl.path("operation")));
            boolean prefix = !resource.path("patternType").asText("literal").equals("literal");
            // A consumer group made per instance (every replica reads every record) can only be granted by prefix.
            boolean perInstanceGroup = prefix && type.equals("group") && !name.contains("*")
                    && instanceGroupPrefixes.contains(name);
            if ((prefix || name.contains("*")) && !perInstanceGroup) {
                violations.add(where + ": ACL on " + type + " " + name + " uses a prefix or wildcard; name each one");
            }
            switch (type) {
                case "topic" -> {
                    if (operations.stream().anyMatch(WRITE_OPERATIONS::contains)) {
                        writes.add(name);
                        if (!owned.contains(name)) {
                            violations.add(where + ": can write " + name + ", a topic it does not own");
                        }
                    }
                    if (operations.stream().anyMatch(READ_OPERATIONS::contains)) {
                        reads.add(name);
                        if (!service.consumedTopics().contains(name)) {
                            violations.add(where + ": can read " + name + ", a topic it does not consume");
                        }
                    }
                }
                case "group" -> {
                    groups.add(name);
                    if (!service.consumerGroups().contains(name) && !perInstanceGroup) {
                        violations.add(where + ": may use consumer group " + name + ", which is not its own");
                    }
                }
                default -> violations.add(where + ": ACL on " + type + " is more than a service needs");
            }
        }
        for (String topic : topics.publishedBy(service)) {
            if (!writes.contains(topic)) {
                violations.add(where + ": cannot write " + topic + ", the topic it publishes");
            }
        }
        for (String topic : service.deadLetterTopics()) {
            if (!writes.contains(topic)) {
                violations.add(where + ": cannot write its dead-letter topic " + topic);
            }
        }
        for (String topic : service.consumedTopics()) {
            if (!reads.contains(topic)) {
                violations.add(where + ": cannot read " + topic + ", a topic it consumes");
            }
        }
        for (String group : service.consumerGroups()) {
            if (!groups.contains(ServiceModule.perInstancePrefix(group).orElse(group))) {
                violations.add(where + ": cannot use its consumer group " + group);
            }
        }
    }

    // --- Database --------------------------------------------------------------------------------------------

    /** Checks the CloudNativePG cluster that creates {@code database}; returns its name if there is one. */
    private Optional<String> checkDatabase(ServiceModule service, String database) {
        Optional<JsonNode> cluster = ofKind("Cluster")
                .filter(c -> c.path("apiVersion").asText().startsWith("postgresql.cnpg.io/"))
                .filter(c -> c.path("spec").path("bootstrap").path("initdb").path("database").asText().equals(database))
                .findFirst();
        if (cluster.isEmpty()) {
            violations.add(service.name() + ": no CloudNativePG Cluster creates its database " + database);
            return Optional.empty();
        }
        String name = name(cluster.get());
        String where = "Cluster/" + name;
        JsonNode store = cluster.get().path("spec").path("backup").path("barmanObjectStore");
        boolean credentials = Stream.of("s3Credentials", "azureCredentials", "googleCredentials")
                .anyMatch(store::has);
        if (store.path("destinationPath").asText().isEmpty() || !credentials) {
            violations.add(where + ": no backup to an object store (spec.backup.barmanObjectStore with credentials"
                    + " from a Secret)");
        }
        boolean scheduled = ofKind("ScheduledBackup")
                .anyMatch(b -> b.path("spec").path("cluster").path("name").asText().equals(name));
        if (!scheduled) {
            violations.add(where + ": no ScheduledBackup backs it up");
        }
        String initSql = String.join("\n",
                texts(cluster.get().path("spec").path("bootstrap").path("initdb").path("postInitApplicationSQL")))
                .toLowerCase();
        for (String extension : service.extensions()) {
            if (!initSql.matches("(?s).*create\\s+extension\\s+(if\\s+not\\s+exists\\s+)?\"?" + extension + "\\b.*")) {
                violations.add(where + ": " + service.name() + "'s migrations create extension " + extension
                        + "; create it in bootstrap.initdb.postInitApplicationSQL");
            }
        }
        return Optional.of(name);
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    private Stream<JsonNode> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText()));
    }

    private static String name(JsonNode resource) {
        return resource.path("metadata").path("name").asText();
    }

    private static JsonNode volume(JsonNode podSpec, String name) {
        return stream(podSpec.path("volumes")).filter(v -> v.path("name").asText().equals(name)).findFirst()
                .orElse(podSpec.path("no-such-volume"));
    }

    private static boolean mountsEmptyDir(JsonNode podSpec, JsonNode container, String path) {
        return stream(container.path("volumeMounts"))
                .filter(m -> m.path("mountPath").asText().equals(path))
                .anyMatch(m -> volume(podSpec, m.path("name").asText()).has("emptyDir"));
    }

    /** Whether a selector with these labels selects pods labelled {@code podLabels} (an empty one selects all). */
    private static boolean selects(JsonNode matchLabels, Map<String, String> podLabels) {
        Map<String, String> selector = labels(matchLabels);
        return !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet());
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static Set<String> texts(JsonNode node) {
        Set<String> texts = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else if (node.isValueNode()) {
            texts.add(node.asText());
        }
        return texts;
    }

    private static boolean isEmpty(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.isEmpty();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }

    /** A container's environment: literal values and references, by variable name. */
    private record Env(JsonNode entries) {

        JsonNode entry(String name) {
            return stream(entries).filter(e -> e.path("name").asText().equals(name)).findFirst()
                    .orElse(entries.path("no-such-variable"));
        }

        Optional<String> value(String name) {
            return Optional.of(entry(name).path("value")).filter(Predicate.not(JsonNode::isMissingNode))
                    .map(JsonNode::asText);
        }
    }
}
