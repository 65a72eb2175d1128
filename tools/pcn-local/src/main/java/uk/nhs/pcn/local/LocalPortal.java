package uk.nhs.pcn.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The portal (the web view) as {@code ./pcn up} runs it: one more process after the services, with the local profile,
 * so its development sign-in page signs tokens with {@code .pcn/jwt}'s key pair, as {@code ./pcn token} does.
 */
final class LocalPortal {

    static final String NAME = "portal";
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("PCN_PORTAL_PORT", "8080"));

    private LocalPortal() {
    }

    static Path runnableJar(Path repo) {
        return repo.resolve(NAME).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Starts the portal if it has been built; returns whether it did. */
    static boolean start(Path repo, Path state, Path logs, String java, String kafkaBootstrapServers,
            ChildProcesses children) throws IOException {
        Path jar = runnableJar(repo);
        if (!Files.exists(jar)) {
            return false;
        }
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "local");
        env.put("PCN_PORTAL_PORT", Integer.toString(PORT));
        env.put("PCN_PORTAL_DEV_KEY_DIR", state.resolve("jwt").toAbsolutePath().toString());
        env.put("PCN_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        for (PlatformService service : PlatformService.ALL) {
            env.put("PCN_" + service.name().replaceFirst("-service$", "").toUpperCase(Locale.ROOT) + "_URL",
                    service.baseUrl());
        }
        System.out.println(NAME + " on port " + PORT + " ...");
        // The services' JVM options (heap given back when idle, capped metadata and code cache); the portal holds no
        // data, so its heap is as small as theirs.
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx128m"));
        command.addAll(PlatformService.JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString()));
        env.putAll(PlatformService.JVM_ENVIRONMENT);
        children.start(NAME, command, env, logs.resolve(NAME + ".log"));
        return true;
    }

    static void awaitReady(ChildProcesses children) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (NAME.equals(children.exited())) {
                throw new IllegalStateException("The portal exited during start-up; see .pcn/logs/portal.log");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    System.out.println("  portal ready");
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The portal was not ready within 2 minutes; see .pcn/logs/portal.log");
    }

    static String baseUrl() {
        return "http://localhost:" + PORT;
    }

    /** The portal's address and a sign-in link for a demo network's PCN manager. */
    static void printLinks(List<String> demoNetworks) {
        String network = demoNetworks.get(0);
        System.out.println();
        System.out.println("The portal: " + baseUrl() + "/");
        System.out.println("  sign in as a PCN manager of the demo networks: " + baseUrl() + "/dev/sign-in?role=pcn-manager"
                + "&networks=" + URLEncoder.encode(String.join(",", demoNetworks), StandardCharsets.UTF_8)
                + "&next=" + URLEncoder.encode("/networks/" + network, StandardCharsets.UTF_8));
        System.out.println("  as a commissioner (every network):             " + baseUrl()
                + "/dev/sign-in?role=commissioner&next=%2Fcommissioners%2Fall");
        // The first demo network's link worker: DemoData numbers the staff references in STAFF_MIX's order.
        for (int i = 0; i < DemoData.STAFF_MIX.length; i++) {
            if (DemoData.STAFF_MIX[i][0].equals("social-prescribing-link-worker")) {
                System.out.println(String.format("%-49s", "  as " + network + "'s link worker (own caseload):") + baseUrl()
                        + "/dev/sign-in?role=link-worker&networks=" + network + "&staff="
                        + String.format("DEMO-%04d", i + 1) + "&next=%2Fcaseload");
                break;
            }
        }
    }
}
