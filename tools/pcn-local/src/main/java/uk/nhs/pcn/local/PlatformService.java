package uk.nhs.pcn.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service of the platform as the local run starts it: its port, its database, the environment variable prefix
 * its application.properties reads ({@code PCN_REGISTRY_JDBC_URL}, ...), and its maximum heap.
 */
public record PlatformService(String name, int port, String database, String envPrefix, String maxHeap) {

    /** Every service, in start order. A service is started when it has been built. */
    public static final List<PlatformService> ALL = List.of(
            new PlatformService("registry-service", 8081, "pcn_registry", "PCN_REGISTRY", "128m"),
            new PlatformService("workforce-service", 8082, "pcn_workforce", "PCN_WORKFORCE", "128m"),
            new PlatformService("referral-service", 8083, "pcn_referral", "PCN_REFERRAL", "128m"),
            new PlatformService("funding-service", 8084, "pcn_funding", "PCN_FUNDING", "128m"));

    /**
     * JVM options of every service process, chosen so that each stays near 250 MB resident after the national demo
     * (docs/benchmarks.md, "Memory"). The heap starts small and is given back when idle: G1's periodic collection
     * (every 15 s without a collection) shrinks it to within 20 % of what is live, which the serial collector would
     * only do at a full collection; the malloc heap the JIT and class loading freed is trimmed as often. Class
     * metadata and compiled code are capped with room above what the services use (about 105 MB and 25-35 MB);
     * thread stacks are halved.
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-XX:+UseG1GC",
            "-XX:G1PeriodicGCInterval=15000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
            "-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=15000", "-XX:MaxMetaspaceSize=192m",
            "-XX:ReservedCodeCacheSize=96m", "-XX:MaxDirectMemorySize=64m", "-Xss512k",
            // Only the C1 compiler: no C2 arenas, no profiling data in class metadata, a smaller code cache. A
            // developer's machine runs five JVMs and a broker at once; peak throughput is measured by the
            // benchmarks, in their own JVM, not here.
            "-XX:TieredStopAtLevel=1",
            // One pool of network buffers instead of one per core and event loop (Netty's default): the services
            // handle tens of requests a second here, not thousands.
            "-Dio.netty.allocator.numDirectArenas=1", "-Dio.netty.allocator.numHeapArenas=1");

    /** glibc keeps one malloc arena per thread by default (up to 8 per core), each holding memory it freed. */
    public static final Map<String, String> JVM_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /** The command that runs the service's jar with {@link #JVM_OPTIONS} and its heap. */
    public List<String> command(String java, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx" + maxHeap);
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    public Path runnableJar(Path repo) {
        return repo.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }
}
