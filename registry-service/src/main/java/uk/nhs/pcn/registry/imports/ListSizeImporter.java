package uk.nhs.pcn.registry.imports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

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
import uk.nhs.pcn.registry.practice.Practice;

/**
 * Imports NHS Digital's "Patients Registered at a GP Practice" CSV ({@code CODE}, {@code NUMBER_OF_PATIENTS},
 * {@code EXTRACT_DATE}) as each practice's registered list as at the extract date. Where the file breaks the
 * count down by sex and age, only the ALL/ALL rows are read. Codes of practices the registry does not know are
 * reported back, not silently dropped; the weighted and adjusted figures already held for the date are kept. A
 * registered figure taken from the payments file's average (see {@link WeightedPopulationImporter}) is replaced
 * by the count, even when the two agree.
 */
@ApplicationScoped
public class ListSizeImporter {

    static final String SOURCE = ListSizeRecorded.SOURCE_PATIENTS_REGISTERED;
    private static final List<String> CODE = List.of("code", "practice_code");
    private static final List<String> PATIENTS = List.of("number_of_patients");
    private static final List<String> EXTRACT_DATE = List.of("extract_date");
    private static final List<String> SEX = List.of("sex");
    private static final List<String> AGE = List.of("age");
    private static final java.util.regex.Pattern WHOLE_NUMBER = java.util.regex.Pattern.compile("-?[0-9]{1,9}");
    private static final DateTimeFormatter NHSD_DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("ddMMMyyyy").toFormatter(Locale.UK);

    @Inject
    EntityManager entityManager;

    @Inject
    RegistryEvents events;

    @Inject
    ImportRuns importRuns;

    record Figure(int row, String practiceCode, LocalDate asAt, int registered) {
    }

    @Transactional
    public ImportReport importFile(Table table, boolean dryRun, String fileName, String sha256, String importedBy) {
        List<Figure> figures = parse(table);
        importRuns.lockImports();
        Map<String, Practice> practices = new HashMap<>();
        Practice.<Practice>streamAll().forEach(p -> practices.put(p.code, p));
        Map<String, ListSize> existing = new HashMap<>();
        ListSize.<ListSize>stream("asAt in ?1", figures.stream().map(Figure::asAt).distinct().toList())
                .forEach(s -> existing.put(s.practiceCode + "|" + s.asAt, s));

        TreeSet<String> unknown = new TreeSet<>();
        List<Pending> pending = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        int recorded = 0;
        int unchanged = 0;
        Map<String, String> networkByPractice = new HashMap<>();
        LocalDate networkDate = null;
        for (Figure f : figures) {
            if (!practices.containsKey(f.practiceCode())) {
                unknown.add(f.practiceCode());
                continue;
            }
            ListSize size = existing.get(f.practiceCode() + "|" + f.asAt());
            if (size != null && size.registeredPatients == f.registered()
                    && !WeightedPopulationImporter.SOURCE.equals(size.source)) {
                unchanged++;
                continue;
            }
            recorded++;
            changes.add("practice " + f.practiceCode() + " registered list " + f.registered() + " as at " + f.asAt());
            if (dryRun) {
                continue;
            }
            if (size == null) {
                size = new ListSize();
                size.practiceCode = f.practiceCode();
                size.asAt = f.asAt();
            }
            size.registeredPatients = f.registered();
            size.source = SOURCE;
            size.persist();
            if (!f.asAt().equals(networkDate)) {
                networkDate = f.asAt();
                networkByPractice = networksOn(networkDate);
            }
            pending.add(RegistryEvents.listSizeRecorded(size, networkByPractice.get(f.practiceCode()), null));
        }
        if (!dryRun) {
            entityManager.flush();
            events.publishAll(pending);
        }
        ImportReport report = new ImportReport("list-sizes", dryRun, sha256,
                figures.isEmpty() ? null : figures.get(0).asAt(),
                new ImportReport.Counts(figures.size(), 0, 0, 0, 0, 0, 0, 0, 0, recorded, unchanged, unknown.size()),
                pending.size(), ImportReport.firstChanges(changes), ImportReport.notListed(changes),
                List.copyOf(unknown));
        if (!dryRun) {
            importRuns.record("list-sizes", fileName, sha256, importedBy, report);
        }
        return report;
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
        Optional<String> patients = table.column(PATIENTS);
        Optional<String> date = table.column(EXTRACT_DATE);
        Optional<String> sex = table.column(SEX);
        Optional<String> age = table.column(AGE);
        String hint = table.column(WeightedPopulationImporter.WEIGHTED).isPresent()
                ? " (this looks like NHS Payments to General Practice: import it at "
                        + "/api/v1/imports/weighted-populations)"
                : "";
        for (var required : new Object[][] { { code, "CODE" }, { patients, "NUMBER_OF_PATIENTS" },
                { date, "EXTRACT_DATE" } }) {
            if (((Optional<?>) required[0]).isEmpty()) {
                problems.add(new FieldError(table.name(), "missing-column",
                        "The file has no " + required[1] + " column" + hint, 1, (String) required[1]));
            }
        }
        if (!problems.isEmpty()) {
            throw EpcnImporter.invalidFile(problems);
        }
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (Table.Row row : table.rows()) {
            if (sex.isPresent() && !"ALL".equalsIgnoreCase(row.get(sex))
                    || age.isPresent() && !"ALL".equalsIgnoreCase(row.get(age))) {
                continue;
            }
            String practice = row.get(code).toUpperCase(Locale.ROOT);
            if (!OdsCodes.isPractice(practice)) {
                problems.add(new FieldError(table.name(), "pattern", "not a GP practice code: '" + practice + "'",
                        row.number(), "CODE"));
            }
            Integer count = null;
            String countText = row.get(patients);
            if (WHOLE_NUMBER.matcher(countText).matches()) { // ASCII digits only: Integer.valueOf also reads ١٢
                count = Integer.valueOf(countText);
                if (count < 0 || count > 1_000_000) {
                    problems.add(new FieldError(table.name(), "range", "a list size must be 0 to 1,000,000: "
                            + count, row.number(), "NUMBER_OF_PATIENTS"));
                }
            } else {
                problems.add(new FieldError(table.name(), "integer", "not a whole number of patients (digits 0-9): '"
                        + countText + "'", row.number(), "NUMBER_OF_PATIENTS"));
            }
            LocalDate asAt = null;
            String dateText = row.get(date);
            try {
                asAt = dateText.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(dateText)
                        : LocalDate.parse(dateText, NHSD_DATE);
            } catch (DateTimeParseException e) {
                problems.add(new FieldError(table.name(), "date", "not a date like 01JAN2021: '" + dateText + "'",
                        row.number(), "EXTRACT_DATE"));
            }
            if (count != null && asAt != null && OdsCodes.isPractice(practice)) {
                Figure previous = figures.put(practice + "|" + asAt, new Figure(row.number(), practice, asAt, count));
                if (previous != null) {
                    problems.add(new FieldError(table.name(), "duplicate", "practice " + practice
                            + " is listed twice for " + asAt + " (also row " + previous.row() + ")", row.number(),
                            "CODE"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw EpcnImporter.invalidFile(problems);
        }
        return List.copyOf(figures.values());
    }
}
