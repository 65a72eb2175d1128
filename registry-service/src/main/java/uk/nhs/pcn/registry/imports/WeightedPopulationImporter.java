package uk.nhs.pcn.registry.imports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.platform.ods.OdsCodes;
import uk.nhs.pcn.platform.outbox.Outbox.Pending;
import uk.nhs.pcn.platform.problem.Problem.FieldError;
import uk.nhs.pcn.registry.events.RegistryEvents;
import uk.nhs.pcn.registry.membership.Membership;
import uk.nhs.pcn.registry.practice.ListSize;

/**
 * Imports contractor weighted populations from NHS England's "NHS Payments to General Practice" CSV (one row per
 * practice: {@code Practice Code}, {@code Number of Weighted Patients (Last Known Figure)}, {@code Number of
 * Registered Patients (Last Known Figure)}). It is the only public source of weighted populations, and an
 * approximation: its "last known" figures average the year's quarterly lists, and are recorded as at one date
 * (1 January 2021 for the 2020/21 file).
 * <ul>
 * <li>The weighted population is stored to the hundredth, as published (a figure with more decimal places is
 * rounded half-up: under 0.005 of a patient).
 * <li>A registered count already held for the date (from the list-size file or the API) is kept. Where none is
 * held, the file's registered figure is recorded too, rounded half-up to whole patients and marked with this
 * file's source, so that it is never mistaken for a count; a later list-size import replaces it.
 * <li>A weighted figure of 0 means the file has no figure for the practice (closed practices, and some whose
 * list was not paid by capitation): nothing is recorded and the practice is listed.
 * </ul>
 */
@ApplicationScoped
public class WeightedPopulationImporter {

    static final String KIND = "weighted-populations";
    static final String SOURCE = ListSizeRecorded.SOURCE_PAYMENTS_LAST_KNOWN;
    /** The 2020/21 file's "last known figure" is as at January 2021 (see the data's README). */
    public static final LocalDate DEFAULT_AS_AT = LocalDate.of(2021, 1, 1);
    static final int WEIGHTED_SCALE = 2;
    static final BigDecimal MAX_FIGURE = BigDecimal.valueOf(1_000_000);

    static final List<String> CODE = List.of("practice code");
    static final List<String> WEIGHTED = List.of("number of weighted patients (last known figure)",
            "number of weighted patients");
    static final List<String> REGISTERED = List.of("number of registered patients (last known figure)",
            "number of registered patients");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");

    @Inject
    EntityManager entityManager;

    @Inject
    RegistryEvents events;

    @Inject
    ImportRuns importRuns;

    /** One practice's row, exactly as the file gives it. */
    record Figure(int row, String practiceCode, BigDecimal weighted, BigDecimal registered) {

        boolean hasFigure() {
            return weighted.signum() > 0;
        }

        BigDecimal storedWeighted() {
            return weighted.setScale(WEIGHTED_SCALE, RoundingMode.HALF_UP);
        }

        int storedRegistered() {
            return registered.setScale(0, RoundingMode.HALF_UP).intValueExact();
        }
    }

    @Transactional
    public ImportReport importFile(Table table, LocalDate asAt, boolean dryRun, String fileName, String sha256,
            String importedBy) {
        List<Figure> figures = parse(table);
        importRuns.lockImports();
        Set<String> practices = new HashSet<>(
                entityManager.createQuery("select p.code from Practice p", String.class).getResultList());
        Map<String, ListSize> held = new HashMap<>();
        ListSize.<ListSize>stream("asAt", asAt).forEach(s -> held.put(s.practiceCode, s));
        Map<String, String> networkByPractice = networksOn(asAt);

        TreeSet<String> unknown = new TreeSet<>();
        TreeSet<String> withoutFigures = new TreeSet<>();
        List<Pending> pending = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        int recorded = 0;
        int unchanged = 0;
        int registeredFromFile = 0;
        for (Figure f : figures) {
            if (!practices.contains(f.practiceCode())) {
                unknown.add(f.practiceCode());
                continue;
            }
            if (!f.hasFigure()) {
                withoutFigures.add(f.practiceCode());
                continue;
            }
            ListSize size = held.get(f.practiceCode());
            boolean countHeld = size != null && !SOURCE.equals(size.source);
            BigDecimal weighted = f.storedWeighted();
            int registered = countHeld ? size.registeredPatients : f.storedRegistered();
            if (!countHeld) {
                registeredFromFile++;
            }
            if (size != null && size.weightedPopulation != null && size.weightedPopulation.compareTo(weighted) == 0
                    && size.registeredPatients == registered) {
                unchanged++;
                continue;
            }
            recorded++;
            changes.add(describe(f, weighted, countHeld ? null : registered, asAt));
            if (dryRun) {
                continue;
            }
            if (size == null) {
                size = new ListSize();
                size.practiceCode = f.practiceCode();
                size.asAt = asAt;
            }
            if (!countHeld) {
                size.registeredPatients = registered;
                size.source = SOURCE;
            }
            size.weightedPopulation = weighted;
            size.weightedSource = SOURCE;
            size.persist();
            pending.add(RegistryEvents.listSizeRecorded(size, networkByPractice.get(f.practiceCode()), null));
        }
        if (!dryRun) {
            entityManager.flush();
            events.publishAll(pending);
        }
        ImportReport report = new ImportReport(KIND, dryRun, sha256, asAt, basis(asAt),
                new ImportReport.Counts(table.rows().size(), 0, 0, 0, 0, 0, 0, 0, 0, recorded, unchanged,
                        unknown.size(), withoutFigures.size(), registeredFromFile),
                pending.size(), ImportReport.firstChanges(changes), ImportReport.notListed(changes),
                List.copyOf(unknown), List.copyOf(withoutFigures));
        if (!dryRun) {
            importRuns.record(KIND, fileName, sha256, importedBy, report);
        }
        return report;
    }

    static String basis(LocalDate asAt) {
        return "Weighted populations are the file's 'Number of Weighted Patients (Last Known Figure)', recorded as "
                + "at " + asAt + ". They approximate the weighted population on that date: the file averages the "
                + "year's quarterly lists. Registered counts already held for the date are kept; where none was "
                + "held the file's registered figure (also an average) is recorded, rounded to whole patients.";
    }

    private static String describe(Figure f, BigDecimal weighted, Integer registered, LocalDate asAt) {
        String rounded = weighted.compareTo(f.weighted()) == 0 ? ""
                : " (the file's " + f.weighted().toPlainString() + " rounded)";
        return "practice " + f.practiceCode() + " weighted population " + weighted.toPlainString() + rounded
                + (registered == null ? ""
                        : ", registered list " + registered + " from the file's average " + f.registered()
                                .toPlainString() + " (no count held)")
                + " as at " + asAt;
    }

    private Map<String, String> networksOn(LocalDate date) {
        Map<String, String> result = new HashMap<>();
        Membership.<Membership>stream("startDate <= ?1 and (endDate is null or endDate >= ?1)", date)
                .forEach(m -> result.put(m.practiceCode, m.networkCode));
        return result;
    }

    /** Validates every row first: one bad row rejects the file, with every problem listed. */
    static List<Figure> parse(Table table) {
        List<FieldError> problems = new ArrayList<>();
        Optional<String> code = table.column(CODE);
        Optional<String> weighted = table.column(WEIGHTED);
        Optional<String> registered = table.column(REGISTERED);
        boolean listSizeFile = table.column(List.of("number_of_patients")).isPresent();
        String hint = listSizeFile ? " (this looks like the 'Patients Registered at a GP Practice' file: import it "
                + "at /api/v1/imports/list-sizes)" : " (expected NHS Payments to General Practice)";
        if (code.isEmpty()) {
            problems.add(missing(table, "Practice Code", hint));
        }
        if (weighted.isEmpty()) {
            problems.add(missing(table, "Number of Weighted Patients (Last Known Figure)", hint));
        }
        if (registered.isEmpty()) {
            problems.add(missing(table, "Number of Registered Patients (Last Known Figure)", hint));
        }
        if (!problems.isEmpty()) {
            throw EpcnImporter.invalidFile(problems);
        }
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (Table.Row row : table.rows()) {
            String practice = row.get(code).toUpperCase(Locale.ROOT);
            if (!OdsCodes.isPractice(practice)) {
                problems.add(new FieldError(table.name(), "pattern", "not a GP practice code: '" + practice + "'",
                        row.number(), "Practice Code"));
            }
            BigDecimal weightedPatients = figure(table, row, weighted, "Number of Weighted Patients (Last Known "
                    + "Figure)", problems);
            BigDecimal registeredPatients = figure(table, row, registered, "Number of Registered Patients (Last "
                    + "Known Figure)", problems);
            if (weightedPatients != null && registeredPatients != null && OdsCodes.isPractice(practice)) {
                Figure previous = figures.put(practice,
                        new Figure(row.number(), practice, weightedPatients, registeredPatients));
                if (previous != null) {
                    problems.add(new FieldError(table.name(), "duplicate", "practice " + practice
                            + " is listed twice (also row " + previous.row() + ")", row.number(), "Practice Code"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw EpcnImporter.invalidFile(problems);
        }
        return List.copyOf(figures.values());
    }

    /** A number of patients exactly as written (no binary floating point), or null after noting the problem. */
    private static BigDecimal figure(Table table, Table.Row row, Optional<String> column, String columnName,
            List<FieldError> problems) {
        String text = row.get(column);
        String problem = null;
        String rule = "number";
        if (text.isEmpty()) {
            problem = "no figure: the cell is empty";
        } else if (text.startsWith("-") && DECIMAL.matcher(text.substring(1)).matches()) {
            problem = "a number of patients cannot be negative: " + text;
            rule = "range";
        } else if (!DECIMAL.matcher(text).matches()) {
            problem = "not a number of patients like 12616.94: '" + text + "'";
        } else if (new BigDecimal(text).compareTo(MAX_FIGURE) > 0) {
            problem = "a number of patients must be at most 1,000,000: " + text;
            rule = "range";
        }
        if (problem != null) {
            problems.add(new FieldError(table.name(), rule, problem, row.number(), columnName));
            return null;
        }
        return new BigDecimal(text);
    }

    private static FieldError missing(Table table, String column, String hint) {
        return new FieldError(table.name(), "missing-column", "The file has no '" + column + "' column" + hint, 1,
                column);
    }
}
