package uk.nhs.pcn.deployment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service of the platform as its source declares it: a module of the root POM whose
 * {@code src/main/resources/application.properties} names a {@code quarkus.application.name}. Services added later
 * (referral, funding, the portal) are found the same way, so every check that iterates over {@link #discover} holds
 * them too.
 *
 * @param folder the module folder, relative to the repository root (e.g. {@code registry-service})
 * @param name the application name
 * @param port the HTTP port, the default of {@code quarkus.http.port}
 * @param portVariable the environment variable that overrides the port (e.g. {@code PCN_REGISTRY_PORT}), or null
 * @param variables every environment variable the service's configuration reads, its own and the shared ones
 */
public record QuarkusServiceModule(String folder, String name, int port, String portVariable,
        SortedSet<String> variables) {

    /** The defaults every service shares: pcn-platform is on every service's class path (service-parent). */
    static final String SHARED_CONFIG =
            "platform/pcn-platform/src/main/resources/META-INF/microprofile-config.properties";

    private static final String APPLICATION_PROPERTIES = "src/main/resources/application.properties";
    /** {@code ${NAME}} or {@code ${NAME:default}}: an environment variable (upper case), not a property reference. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern PORT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):(\\d+)}|(\\d+)");

    public static List<QuarkusServiceModule> discover(Path repo) {
        SortedSet<String> shared = variablesRead(load(repo.resolve(SHARED_CONFIG)));
        List<QuarkusServiceModule> services = new ArrayList<>();
        for (String folder : RootPom.read(repo).modules()) {
            Path file = repo.resolve(folder).resolve(APPLICATION_PROPERTIES);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Properties properties = load(file);
            String name = properties.getProperty("quarkus.application.name");
            if (name == null) {
                continue;
            }
            String port = properties.getProperty("quarkus.http.port", "8080").trim();
            Matcher matcher = PORT.matcher(port);
            if (!matcher.matches()) {
                throw new IllegalStateException(folder + ": quarkus.http.port is neither a number nor"
                        + " ${VARIABLE:port}: " + port);
            }
            SortedSet<String> variables = variablesRead(properties);
            variables.addAll(shared);
            services.add(matcher.group(3) != null
                    ? new QuarkusServiceModule(folder, name, Integer.parseInt(matcher.group(3)), null, variables)
                    : new QuarkusServiceModule(folder, name, Integer.parseInt(matcher.group(2)), matcher.group(1),
                            variables));
        }
        return services;
    }

    private static SortedSet<String> variablesRead(Properties properties) {
        SortedSet<String> variables = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher matcher = VARIABLE.matcher(properties.getProperty(key));
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
        }
        return variables;
    }

    private static Properties load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Properties properties = new Properties();
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
