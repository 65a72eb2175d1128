package uk.nhs.pcn.funding.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.runtime.Startup;
import uk.nhs.pcn.platform.time.FinancialYear;

/**
 * Loads the DES rule set at start-up from {@code pcn.funding.rules-file} (a file path, or {@code classpath:} for the
 * copy shipped in the jar) and checks it. A broken edit stops the service at once, with the line of the file and
 * the rule it breaks, rather than mis-paying anyone.
 */
@ApplicationScoped
@Startup
public class DesRules {

    private static final Logger LOG = Logger.getLogger(DesRules.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final DesRuleSet ruleSet;
    private final String location;

    public DesRules(@ConfigProperty(name = "pcn.funding.rules-file") String location) {
        this.location = location;
        this.ruleSet = load(location);
        LOG.infof("DES rule set loaded from %s: financial years %s", location,
                ruleSet.years().stream().map(DesRuleSet.YearRules::financialYear).toList());
    }

    /** The whole rule set, every revision included. */
    public DesRuleSet all() {
        return ruleSet;
    }

    /** The rule set as known on a date (revisions published later are not yet in force). */
    public DesRuleSet knownOn(LocalDate date) {
        return ruleSet.asKnownOn(date);
    }

    public String location() {
        return location;
    }

    /** A short fingerprint of one year's rules: when it changes, every schedule of that year is recalculated. */
    public static String fingerprint(DesRuleSet.YearRules year) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(year));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and checks the rule set; {@link InvalidRuleSetException} names the line of every problem. */
    public static DesRuleSet load(String location) {
        byte[] content;
        try (InputStream in = open(location)) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the DES rule set " + location, e);
        }
        String file = location.replaceFirst("^classpath:", "");
        DesRuleSet rules;
        try {
            rules = JSON.readValue(content, DesRuleSet.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRuleSetException(file, List.of(file + " line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + where(e)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> lines = lines(content);
        List<String> problems = check(rules).stream().map(p -> file + " line " + lineOf(lines, p.pointer()) + ": "
                + p.message()).toList();
        if (!problems.isEmpty()) {
            throw new InvalidRuleSetException(file, problems);
        }
        return rules;
    }

    /** A broken rule, at a JSON pointer into the file. */
    record Problem(String pointer, String message) {
    }

    static List<Problem> check(DesRuleSet rules) {
        List<Problem> problems = new ArrayList<>();
        if (rules.years().isEmpty()) {
            problems.add(new Problem("", "the rule set has no years"));
        }
        Set<String> years = new HashSet<>();
        for (int y = 0; y < rules.years().size(); y++) {
            DesRuleSet.YearRules year = rules.years().get(y);
            String at = "/years/" + y;
            FinancialYear fy;
            try {
                fy = FinancialYear.parse(year.financialYear());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(at + "/financialYear", "financialYear must be written like 2024/25, not '"
                        + year.financialYear() + "'"));
                continue;
            }
            if (!years.add(year.financialYear())) {
                problems.add(new Problem(at + "/financialYear", year.financialYear() + " has two rule sets"));
            }
            if (year.populationDate() == null || !year.populationDate().isBefore(fy.start())) {
                problems.add(new Problem(at + "/populationDate", year.financialYear()
                        + ": populationDate must be a date before the year starts (1 January before it)"));
            }
            checkComponents(year, fy, at, problems);
            checkRevisions(year, fy, at, problems);
        }
        return problems;
    }

    private static void checkComponents(DesRuleSet.YearRules year, FinancialYear fy, String at, List<Problem> problems) {
        Set<String> codes = new HashSet<>();
        for (int c = 0; c < year.components().size(); c++) {
            DesRuleSet.Component component = year.components().get(c);
            String cat = at + "/components/" + c;
            String rule = year.financialYear() + " " + component.code();
            if (component.code() == null || !component.code().matches("^[a-z][a-z0-9-]*$")) {
                problems.add(new Problem(cat, year.financialYear() + ": a component needs a code in lower case with "
                        + "hyphens, not '" + component.code() + "'"));
                continue;
            }
            if (!codes.add(component.code())) {
                problems.add(new Problem(cat + "/code", rule + ": the component is listed twice"));
            }
            require(component.name(), cat, rule + ": name is missing", problems);
            if (component.payee() == null || component.payment() == null) {
                problems.add(new Problem(cat, rule + ": payee (network or practice) and payment (monthly, budget "
                        + "or annual) are required"));
            }
            checkDates(component.appliesFrom(), component.appliesTo(), fy, cat, rule, problems);
            if (component.terms().isEmpty()) {
                problems.add(new Problem(cat, rule + ": a component needs at least one term (rate × basis)"));
            }
            Set<String> terms = new HashSet<>();
            for (int t = 0; t < component.terms().size(); t++) {
                DesRuleSet.Term term = component.terms().get(t);
                String tat = cat + "/terms/" + t;
                String termRule = rule + " " + (term.basis() == null ? "?" : term.basis().code())
                        + (term.label() == null ? "" : " (" + term.label() + ")");
                if (term.basis() == null || term.per() == null) {
                    problems.add(new Problem(tat, termRule + ": basis and per (year, month or period) are required"));
                    continue;
                }
                if (!terms.add(term.basis() + "|" + term.label())) {
                    problems.add(new Problem(tat, termRule + ": two terms with the same basis need different labels"));
                }
                if (checkRate(term.rate(), tat + "/rate", termRule, problems)
                        && !DesRuleSet.UNKNOWN.equals(term.rate().strip())
                        && (term.source() == null || term.source().isBlank())) {
                    problems.add(new Problem(tat, termRule + ": a confirmed rate needs its source"));
                }
                checkDates(term.appliesFrom(), term.appliesTo(), fy, tat, termRule, problems);
                if (component.payee() == Payee.PRACTICE && !term.basis().isPopulation()
                        && term.basis() != Basis.UNKNOWN) {
                    problems.add(new Problem(tat + "/basis", termRule + ": a payment to each practice needs a "
                            + "practice population as its basis (registered, weighted or adjusted)"));
                }
            }
        }
    }

    private static void checkRevisions(DesRuleSet.YearRules year, FinancialYear fy, String at, List<Problem> problems) {
        Set<String> ids = new HashSet<>();
        for (int r = 0; r < year.revisions().size(); r++) {
            DesRuleSet.Revision revision = year.revisions().get(r);
            String rat = at + "/revisions/" + r;
            String rule = year.financialYear() + " revision " + revision.id();
            if (revision.id() == null || !ids.add(revision.id())) {
                problems.add(new Problem(rat, year.financialYear() + ": every revision needs its own id"));
            }
            if (revision.published() == null || revision.appliesFrom() == null) {
                problems.add(new Problem(rat, rule + ": published and appliesFrom dates are required"));
            } else if (!fy.contains(revision.appliesFrom())) {
                problems.add(new Problem(rat + "/appliesFrom", rule + ": appliesFrom " + revision.appliesFrom()
                        + " is outside " + year.financialYear()));
            }
            require(revision.source(), rat, rule + ": source is missing", problems);
            if (revision.changes().isEmpty()) {
                problems.add(new Problem(rat, rule + ": a revision needs at least one change"));
            }
            for (int c = 0; c < revision.changes().size(); c++) {
                DesRuleSet.Change change = revision.changes().get(c);
                String cat = rat + "/changes/" + c;
                String changeRule = rule + " " + change.component();
                boolean known = year.component(change.component()).map(component -> component.terms().stream()
                        .anyMatch(t -> t.matches(change.basis(), change.label()))).orElse(false);
                if (!known) {
                    problems.add(new Problem(cat, changeRule + ": no term of " + year.financialYear() + " has component "
                            + change.component() + " and basis " + (change.basis() == null ? null : change.basis().code())
                            + (change.label() == null ? "" : " and label " + change.label())));
                }
                checkRate(change.rate(), cat + "/rate", changeRule, problems);
                if (revision.appliesFrom() != null && year.component(change.component()).isPresent()) {
                    DesRuleSet.Component component = year.component(change.component()).get();
                    if (component.appliesTo() != null && revision.appliesFrom().isAfter(component.appliesTo())) {
                        problems.add(new Problem(cat, changeRule + ": the revision applies after the component ends"));
                    }
                }
            }
        }
    }

    /** @return whether the rate is usable: a number of pounds (not negative) or 'unknown' */
    private static boolean checkRate(String rate, String at, String rule, List<Problem> problems) {
        if (rate == null) {
            problems.add(new Problem(at, rule + ": rate is missing (write 'unknown' if it is not confirmed)"));
            return false;
        }
        try {
            BigDecimal amount = DesRuleSet.parseRate(rate).orElse(null);
            if (amount != null && amount.signum() < 0) {
                problems.add(new Problem(at, rule + ": rate " + rate + " is negative"));
                return false;
            }
            return true;
        } catch (NumberFormatException e) {
            problems.add(new Problem(at, rule + ": rate '" + rate + "' is neither a number of pounds nor '"
                    + DesRuleSet.UNKNOWN + "'"));
            return false;
        }
    }

    private static void checkDates(LocalDate from, LocalDate to, FinancialYear fy, String at, String rule,
            List<Problem> problems) {
        if (from != null && !fy.contains(from)) {
            problems.add(new Problem(at + "/appliesFrom", rule + ": appliesFrom " + from + " is outside " + fy));
        }
        if (to != null && !fy.contains(to)) {
            problems.add(new Problem(at + "/appliesTo", rule + ": appliesTo " + to + " is outside " + fy));
        }
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(new Problem(at + "/appliesTo", rule + ": appliesTo is before appliesFrom"));
        }
    }

    private static void require(String value, String at, String message, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(at, message));
        }
    }

    /** The line where each JSON pointer's value starts, from one streaming pass over the file. */
    static Map<String, Integer> lines(byte[] content) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = JSON.getFactory().createParser(content)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    // The container's own pointer is its parent's context with this index or field.
                    pointer = parser.getParsingContext().getParent() == null ? ""
                            : parser.getParsingContext().getParent().pathAsPointer().toString();
                }
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** The line of the pointer, or of its nearest ancestor that the file has. */
    private static int lineOf(Map<String, Integer> lines, String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 1;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    private static String where(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder(" (at ");
            for (var ref : mapping.getPath()) {
                path.append(ref.getFieldName() != null ? "/" + ref.getFieldName() : "/" + ref.getIndex());
            }
            return path.append(')').toString();
        }
        return "";
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

    /** The rule set cannot be used; the message lists every problem with its line. */
    public static class InvalidRuleSetException extends IllegalStateException {

        private final List<String> problems;

        InvalidRuleSetException(String file, List<String> problems) {
            super("The DES rule set " + file + " is invalid:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
