package uk.nhs.pcn.workforce.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.runtime.Startup;

/**
 * Loads the ARRS rule set at start-up from {@code pcn.workforce.rules-file} (a file path, or {@code classpath:}
 * for the copy shipped in the jar) and checks it, so a broken edit stops the service at once rather than
 * mis-paying anyone.
 */
@ApplicationScoped
@Startup
public class ArrsRules {

    private static final Logger LOG = Logger.getLogger(ArrsRules.class);

    private final ArrsRuleSet ruleSet;
    private final String location;

    public ArrsRules(@ConfigProperty(name = "pcn.workforce.rules-file") String location) {
        this.location = location;
        this.ruleSet = load(location);
        LOG.infof("ARRS rule set loaded from %s: %d roles, %d caps", location, ruleSet.roles().size(),
                ruleSet.caps().size());
    }

    public ArrsRuleSet current() {
        return ruleSet;
    }

    public String location() {
        return location;
    }

    static ArrsRuleSet load(String location) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try (InputStream in = open(location)) {
            ArrsRuleSet rules = json.readValue(in, ArrsRuleSet.class);
            List<String> problems = check(rules);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("ARRS rule set " + location + " is invalid: " + problems);
            }
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ARRS rule set " + location, e);
        }
    }

    static List<String> check(ArrsRuleSet rules) {
        List<String> problems = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (ArrsRuleSet.Role role : rules.roles()) {
            if (!codes.add(role.code())) {
                problems.add("role " + role.code() + " is listed twice");
            }
            if (role.reimbursableFrom() == null || role.maxPerWte() == null || role.maxPerWte().isEmpty()) {
                problems.add("role " + role.code() + " needs reimbursableFrom and at least one maxPerWte entry");
                continue;
            }
            for (ArrsRuleSet.Rate rate : role.maxPerWte()) {
                try {
                    rate.nationalAmount().ifPresent(a -> {
                        if (a.signum() <= 0) {
                            problems.add("role " + role.code() + " rate from " + rate.from() + " is not positive");
                        }
                    });
                } catch (NumberFormatException e) {
                    problems.add("role " + role.code() + " rate from " + rate.from() + " is neither a number nor '"
                            + ArrsRuleSet.UNKNOWN + "'");
                }
            }
        }
        for (ArrsRuleSet.Cap cap : rules.caps()) {
            if (!codes.contains(cap.role())) {
                problems.add("cap for unknown role " + cap.role());
            }
            if (cap.limit() == null || cap.unit() == null || cap.from() == null) {
                problems.add("cap for " + cap.role() + " needs from, limit and unit");
            }
        }
        return problems;
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }
}
