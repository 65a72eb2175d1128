package uk.nhs.pcn.local;

import java.nio.file.Path;
import java.util.List;

/**
 * A service of the platform as the local run starts it: its port, its database, and the environment variable
 * prefix its application.properties reads ({@code PCN_REGISTRY_JDBC_URL}, ...).
 */
public record PlatformService(String name, int port, String database, String envPrefix) {

    /** Every service, in start order. A service is started when it has been built. */
    public static final List<PlatformService> ALL = List.of(
            new PlatformService("registry-service", 8081, "pcn_registry", "PCN_REGISTRY"),
            new PlatformService("workforce-service", 8082, "pcn_workforce", "PCN_WORKFORCE"),
            new PlatformService("referral-service", 8083, "pcn_referral", "PCN_REFERRAL"),
            new PlatformService("funding-service", 8084, "pcn_funding", "PCN_FUNDING"));

    public Path runnableJar(Path repo) {
        return repo.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }
}
