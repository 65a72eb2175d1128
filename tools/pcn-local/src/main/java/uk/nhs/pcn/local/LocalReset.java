package uk.nhs.pcn.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import uk.nhs.pcn.testsupport.PostgresServer;

/**
 * {@code ./pcn reset}: after asking, drops this platform's databases (one per service) and the local broker's data
 * ({@code .pcn/kafka}), so that the next {@code ./pcn up --demo} starts clean. Nothing else: other databases on the
 * server, the development signing key ({@code .pcn/jwt}), referral-service's pseudonym key and the logs are kept.
 * It refuses while the platform is running.
 */
final class LocalReset {

    private final PostgresServer postgres;
    private final Path kafkaDir;
    private final List<String> databases;
    private final List<Integer> ports;

    /**
     * @param postgres the server the databases are on; null when there is none to reset (the embedded PostgreSQL
     *        that {@code ./pcn up} falls back to keeps nothing between runs)
     * @param ports the ports the running platform listens on: any in use means it is running
     */
    LocalReset(PostgresServer postgres, Path stateDir, List<String> databases, List<Integer> ports) {
        this.postgres = postgres;
        this.kafkaDir = stateDir.resolve("kafka");
        this.databases = List.copyOf(databases);
        this.ports = List.copyOf(ports);
    }

    /** The platform's databases: one per service, as {@code ./pcn up} creates them. */
    static List<String> databases() {
        return PlatformService.ALL.stream().map(PlatformService::database).toList();
    }

    /** The ports of the running platform: every service's, and the broker's. */
    static List<Integer> ports(int kafkaPort) {
        return Stream.concat(PlatformService.ALL.stream().map(PlatformService::port), Stream.of(kafkaPort)).toList();
    }

    /**
     * Asks on {@code out}, reads the answer from {@code in} (only "y" or "yes" goes ahead) unless {@code yes}, then
     * resets.
     *
     * @return true when the data was dropped
     */
    boolean run(boolean yes, BufferedReader in, PrintStream out) throws IOException {
        List<Integer> listening = ports.stream().filter(LocalReset::inUse).toList();
        if (!listening.isEmpty()) {
            out.println("The platform is running (something listens on port " + listening.get(0) + "): stop "
                    + "./pcn up (Ctrl-C) first. Nothing was changed.");
            return false;
        }
        out.println("This deletes all local platform data:");
        if (postgres != null) {
            out.println("  the databases " + String.join(", ", databases) + " on " + postgres.description());
        } else {
            out.println("  (no PostgreSQL at 127.0.0.1:5432 and PCN_JDBC_URL unset: no databases to drop)");
        }
        out.println("  the local Kafka broker's data, " + kafkaDir);
        if (!yes) {
            out.print("Continue? [y/N] ");
            out.flush();
            String answer = in.readLine();
            String a = answer == null ? "" : answer.strip().toLowerCase(java.util.Locale.ROOT);
            if (!a.equals("y") && !a.equals("yes")) {
                out.println("Nothing was changed.");
                return false;
            }
        }
        if (postgres != null) {
            for (String database : databases) {
                postgres.dropDatabase(postgres.urlOf(database));
                out.println("  dropped " + database);
            }
        }
        if (Files.exists(kafkaDir)) {
            deleteRecursively(kafkaDir);
            out.println("  deleted " + kafkaDir);
        }
        out.println("Done: ./pcn up --demo starts clean.");
        return true;
    }

    private static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
