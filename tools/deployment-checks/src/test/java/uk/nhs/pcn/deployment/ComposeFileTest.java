package uk.nhs.pcn.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * docker-compose.yml runs every service as its configuration expects. No Docker engine here: the file is parsed
 * and held to the services' own application.properties, Dockerfiles and ports by {@link ComposeFileChecker}.
 */
class ComposeFileTest {

    private static final Path REPO = Path.of(System.getProperty("pcn.repo"));
    private static final Path COMPOSE_FILE = REPO.resolve("docker-compose.yml");
    private static final Repository REPOSITORY = Repository.read(REPO);
    private static final List<ServiceModule> SERVICES = REPOSITORY.services();
    private static final String KAFKA_VERSION = REPOSITORY.kafkaVersion();

    @Test
    void composeFileRunsEveryServiceAsItsConfigurationExpects() {
        assertThat(new ComposeFileChecker(REPO, SERVICES, KAFKA_VERSION).check(COMPOSE_FILE)).isEmpty();
    }

    @Test
    void brokenComposeFileIsRejectedWithEveryMistakeNamed() throws URISyntaxException {
        // A service module as the next ones will arrive, which the broken file does not run.
        Properties referral = new Properties();
        referral.setProperty("quarkus.application.name", "referral-service");
        referral.setProperty("quarkus.http.port", "${PCN_REFERRAL_PORT:8083}");
        // The broken file's mistakes are in the registry's and workforce's entries; services added to the platform
        // later are represented by that stand-in, so each new module does not have to be broken here too.
        List<ServiceModule> services = new ArrayList<>(SERVICES.stream()
                .filter(s -> Set.of("registry-service", "workforce-service").contains(s.name())).toList());
        services.add(new ServiceModule("referral-service", referral, Set.of()));
        Path broken = Path.of(getClass().getResource("/compose/broken-compose.yml").toURI());

        assertThat(new ComposeFileChecker(REPO, services, KAFKA_VERSION).check(broken)).containsExactlyInAnyOrder(
                "referral-service: no compose service is built from ./referral-service",
                "registry-service: its configuration reads PCN_JWT_ISSUER, which compose does not set",
                "registry-service: its configuration reads PCN_REGISTRY_DB_USER, which compose does not set",
                "registry-service: compose sets PCN_JWT_ISUER, which the service never reads",
                "registry-service: PCN_REGISTRY_PORT is 8080 in compose, but the service's port is 8081",
                "registry-service: compose does not publish its port 8081 as 8081:8081 (it publishes 8082:8081)",
                "registry-service: its healthcheck does not ask /q/health/ready on port 8081",
                "registry-service: PCN_JWT_PUBLIC_KEY names /etc/pcn/jwt/jwt-public.pem, which no volume of"
                        + " registry-service mounts",
                "registry-service: its database pcn_registry is not in PCN_DATABASES, so nothing creates it",
                "registry-service: its Dockerfile registry-service/src/main/docker/Dockerfile.native does not exist",
                "registry-service depends on postgres without condition: service_healthy",
                "registry-service depends on kafka without condition: service_healthy",
                "workforce-service: PCN_KAFKA_BOOTSTRAP_SERVERS points at kafka, which workforce-service does not"
                        + " depend on",
                "workforce-service: mounts its JWT public key from ./deploy/jwt-public.pem, not from"
                        + " .pcn/jwt/jwt-public.pem where ./pcn keeps the development key",
                "workforce-service: PCN_JWT_ISSUER is https://identity.example.nhs.uk, but ./pcn token signs as"
                        + " urn:pcn:dev",
                "workforce-service: PCN_WORKFORCE_DB_USER is workforce, but pcn_workforce is owned by role"
                        + " pcn_workforce",
                "workforce-service: PCN_WORKFORCE_DB_PASSWORD is not the password PCN_DATABASES gives role"
                        + " pcn_workforce",
                "workforce-service waits for postgres to be healthy, but postgres has no healthcheck",
                "host port 8082 is published by both registry-service and workforce-service",
                "kafka: runs apache/kafka:3.9.0, but the services' Kafka clients are 4.1.1 (kafka.version in pom.xml)",
                "kafka: KAFKA_LOG_RETENTION_MS is not -1, so events on the public topics would expire",
                "workforce-service: PCN_KAFKA_BOOTSTRAP_SERVERS kafka:9092 is not a listener kafka advertises");
    }

    /**
     * The PostgreSQL init script, run as the postgres image runs it but against the local server, with the databases
     * docker-compose.yml lists under throw-away names. Skipped where psql reaches no local server.
     */
    @Test
    void postgresInitScriptCreatesEachDatabaseOwnedByItsRoleWithItsExtensions() throws Exception {
        assumeTrue("1".equals(psql("postgres", "SELECT 1")), "psql reaches no PostgreSQL at 127.0.0.1:5432");
        String prefix = "compose_check_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        List<List<String>> databases = new YAMLMapper().readTree(COMPOSE_FILE.toFile())
                .at("/services/postgres/environment/PCN_DATABASES").asText().lines()
                .filter(line -> !line.isBlank())
                .map(line -> {
                    List<String> fields = new ArrayList<>(List.of(line.trim().split("\\s+")));
                    fields.set(0, prefix + fields.get(0));
                    return fields;
                })
                .toList();
        assertThat(databases).isNotEmpty();
        try {
            ProcessBuilder init = new ProcessBuilder("bash",
                    REPO.resolve("deploy/compose/postgres-init/01-databases.sh").toString())
                    .redirectErrorStream(true);
            init.environment().putAll(Map.of("POSTGRES_USER", "postgres", "PGHOST", "127.0.0.1",
                    "PCN_DATABASES", String.join("\n", databases.stream().map(f -> String.join(" ", f)).toList())));
            Process run = init.start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor()).as(output).isZero();

            for (List<String> fields : databases) {
                String database = fields.get(0);
                assertThat(psql("postgres", "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '"
                        + database + "'")).isEqualTo(database);
                assertThat(psql("postgres", "SELECT rolcanlogin AND rolpassword IS NOT NULL AND NOT rolsuper"
                        + " FROM pg_authid WHERE rolname = '" + database + "'")).isEqualTo("t");
                assertThat(psql(database, "SELECT extname FROM pg_extension").lines())
                        .containsAll(fields.subList(2, fields.size()));
            }
        } finally {
            for (List<String> fields : databases) {
                psql("postgres", "DROP DATABASE IF EXISTS " + fields.get(0) + " WITH (FORCE)");
                psql("postgres", "DROP ROLE IF EXISTS " + fields.get(0));
            }
        }
    }

    /** The query's output as psql prints it unaligned, or "" when psql fails or is not installed. */
    private static String psql(String database, String sql) throws InterruptedException {
        try {
            Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-AtX",
                    "-c", sql).redirectErrorStream(true).start();
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return psql.waitFor(30, TimeUnit.SECONDS) && psql.exitValue() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        }
    }
}
