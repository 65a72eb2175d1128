package uk.nhs.pcn.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the real parts a service's tests need and points Quarkus at them: the shared in-JVM Kafka broker, a
 * fresh PostgreSQL database (dropped afterwards), and the public key of {@link TestTokens}.
 */
public class PcnTestResources implements QuarkusTestResourceLifecycleManager {

    private String jdbcUrl;

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.shared();
        PostgresServer postgres = PostgresServer.locate();
        jdbcUrl = postgres.createDatabase("pcn_test");
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        // For a test profile that puts the service behind the pausable proxy, without touching the broker itself
        // (a profile is created outside the application's class loader):
        //   kafka.bootstrap.servers=${pcn.test.kafka.bootstrap-servers-through-proxy}
        config.put("pcn.test.kafka.bootstrap-servers-through-proxy", broker.bootstrapServersThroughProxy());
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("mp.jwt.verify.publickey.location", TestTokens.publicKeyLocation());
        config.put("mp.jwt.verify.issuer", JwtSigner.ISSUER);
        // Hand finished spans to RecordedSpans quickly rather than every 5 s.
        config.put("quarkus.otel.bsp.schedule.delay", "50ms");
        return config;
    }

    @Override
    public void stop() {
        if (jdbcUrl != null) {
            PostgresServer.locate().dropDatabase(jdbcUrl);
        }
    }
}
