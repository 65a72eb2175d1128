package uk.nhs.pcn.registry.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import uk.nhs.pcn.platform.outbox.Outbox.Pending;
import uk.nhs.pcn.platform.problem.Problem.FieldError;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.registry.events.RegistryEvents;
import uk.nhs.pcn.registry.membership.Membership;
import uk.nhs.pcn.registry.network.Network;
import uk.nhs.pcn.registry.network.NetworkName;
import uk.nhs.pcn.registry.practice.Practice;

/**
 * Imports the ODS ePCN file: validates all of it first (any invalid row rejects the whole file, nothing written),
 * works out the differences from the registry, and applies them with their events in one transaction.
 */
@ApplicationScoped
public class EpcnImporter {

    static final int MAX_LISTED_PROBLEMS = 1000;

    @Inject
    EntityManager entityManager;

    @Inject
    RegistryEvents events;

    @Inject
    ImportRuns importRuns;

    @Transactional
    public ImportReport importFile(Table details, Table partners, boolean dryRun, LocalDate effectiveDate,
            String fileName, String sha256, String importedBy) {
        EpcnParser.Result parsed = EpcnParser.parse(details, partners);
        if (parsed instanceof EpcnParser.Invalid invalid) {
            throw invalidFile(invalid.problems());
        }
        EpcnFile file = ((EpcnParser.Valid) parsed).file();
        importRuns.lockImports();
        Map<String, Network> networks = Network.<Network>streamAll()
                .collect(Collectors.toMap(n -> n.code, Function.identity()));
        EpcnImportPlan plan = EpcnImportPlan.of(file, states(networks), practices(), spells(), effectiveDate);
        List<String> changes = describe(plan);
        int eventCount = 0;
        if (!dryRun && !plan.isEmpty()) {
            eventCount = apply(plan, networks, effectiveDate);
        }
        ImportReport report = new ImportReport("epcn", dryRun, sha256, effectiveDate,
                new ImportReport.Counts(file.networks().size() + file.memberships().size(), plan.newNetworks().size(),
                        plan.renames().size(), plan.closures().size(), plan.networkDetailChanges().size(),
                        plan.newPractices().size(), plan.practiceChanges().size(), plan.joins().size(),
                        (int) plan.spellEnds().stream().filter(e -> e.newEnd() != null).count(), 0, 0, 0),
                eventCount, ImportReport.firstChanges(changes), ImportReport.notListed(changes), null);
        if (!dryRun) {
            importRuns.record("epcn", fileName, sha256, importedBy, report);
        }
        return report;
    }

    static ProblemException invalidFile(List<FieldError> problems) {
        List<FieldError> listed = problems.size() <= MAX_LISTED_PROBLEMS ? problems
                : problems.subList(0, MAX_LISTED_PROBLEMS);
        return new ProblemException(422, "invalid-import-file", "The file has invalid rows; nothing was imported",
                problems.size() + " problem(s) found" + (problems.size() > listed.size()
                        ? ", the first " + listed.size() + " are listed" : "") + "; nothing was imported",
                listed);
    }

    /** @param networks every registered network, keyed by code; new ones are added to it */
    private int apply(EpcnImportPlan plan, Map<String, Network> networks, LocalDate effectiveDate) {
        String correlationId = RegistryEvents.newCorrelationId();
        List<Pending> pending = new ArrayList<>();
        for (EpcnFile.NetworkRow row : plan.newNetworks()) {
            Network n = new Network();
            n.code = row.code();
            n.name = row.name();
            n.commissionerCode = row.commissionerCode();
            n.openDate = row.openDate();
            n.postcode = row.postcode();
            n.persist();
            NetworkName.of(n.code, n.name, n.openDate).persist();
            networks.put(n.code, n);
            pending.add(RegistryEvents.networkRegistered(n, correlationId));
        }
        for (EpcnImportPlan.Rename rename : plan.renames()) {
            Network n = networks.get(rename.networkCode());
            LocalDate from = effectiveDate.isBefore(n.openDate) ? n.openDate : effectiveDate;
            NetworkName.delete("networkCode = ?1 and effectiveFrom = ?2", n.code, from);
            NetworkName.of(n.code, rename.name(), from).persist();
            n.name = rename.name();
            pending.add(RegistryEvents.networkRenamed(n, rename.previousName(), from, correlationId));
        }
        for (EpcnFile.NetworkRow row : plan.networkDetailChanges()) {
            Network n = networks.get(row.code());
            n.commissionerCode = row.commissionerCode();
            n.openDate = row.openDate();
            n.postcode = row.postcode();
            if (n.closeDate != null) {
                n.closeDate = row.closeDate();
            }
        }
        Map<String, Practice> practices = new HashMap<>();
        for (EpcnImportPlan.PracticeState state : plan.newPractices()) {
            Practice p = new Practice();
            p.code = state.code();
            p.name = state.name();
            p.commissionerCode = state.commissionerCode();
            p.persist();
            practices.put(p.code, p);
        }
        for (EpcnImportPlan.PracticeState state : plan.practiceChanges()) {
            Practice p = Practice.findById(state.code());
            p.name = state.name();
            p.commissionerCode = state.commissionerCode();
            practices.put(p.code, p);
        }
        // Membership changes of one practice (a move's leave and join) share a correlation id.
        Map<String, String> practiceCorrelation = new HashMap<>();
        Function<String, String> correlationOf = practice -> practiceCorrelation.computeIfAbsent(practice,
                k -> RegistryEvents.newCorrelationId());
        for (EpcnImportPlan.SpellEnd end : plan.spellEnds()) {
            Membership m = Membership.findById(end.spell().id());
            m.endDate = end.newEnd();
            if (end.newEnd() != null) {
                pending.add(RegistryEvents.practiceLeft(m.practiceCode, m.networkCode, end.newEnd(),
                        correlationOf.apply(m.practiceCode)));
            } else {
                pending.add(RegistryEvents.practiceJoined(practice(practices, m.practiceCode), m.networkCode,
                        m.startDate, correlationOf.apply(m.practiceCode)));
            }
        }
        // Ended spells must be stored before new ones start, or the no-overlap constraint would see both.
        entityManager.flush();
        for (EpcnFile.MembershipRow row : plan.joins()) {
            Membership m = new Membership();
            m.practiceCode = row.practiceCode();
            m.networkCode = row.networkCode();
            m.startDate = row.start();
            m.endDate = row.end();
            m.persist();
            Practice p = practice(practices, row.practiceCode());
            pending.add(RegistryEvents.practiceJoined(p, row.networkCode(), row.start(), correlationOf.apply(p.code)));
            if (row.end() != null) {
                pending.add(RegistryEvents.practiceLeft(p.code, row.networkCode(), row.end(),
                        correlationOf.apply(p.code)));
            }
        }
        for (EpcnImportPlan.Closure closure : plan.closures()) {
            Network n = networks.get(closure.networkCode());
            n.closeDate = closure.closeDate();
            pending.add(RegistryEvents.networkClosed(n, correlationId));
        }
        entityManager.flush();
        events.publishAll(pending);
        return pending.size();
    }

    private static Practice practice(Map<String, Practice> cache, String code) {
        return cache.computeIfAbsent(code, c -> Practice.findById(c));
    }

    private static List<String> describe(EpcnImportPlan plan) {
        List<String> changes = new ArrayList<>();
        plan.newNetworks().forEach(n -> changes.add("register network " + n.code() + " " + n.name()));
        plan.renames().forEach(r -> changes.add("rename network " + r.networkCode() + " from '" + r.previousName()
                + "' to '" + r.name() + "'"));
        plan.closures().forEach(c -> changes.add("close network " + c.networkCode() + " on " + c.closeDate()));
        plan.networkDetailChanges().forEach(n -> changes.add("update network " + n.code() + " details"));
        plan.newPractices().forEach(p -> changes.add("register practice " + p.code() + " " + p.name()));
        plan.practiceChanges().forEach(p -> changes.add("update practice " + p.code() + " details"));
        plan.spellEnds().forEach(e -> changes.add(e.newEnd() == null
                ? "practice " + e.spell().practiceCode() + " is again a member of " + e.spell().networkCode()
                : "practice " + e.spell().practiceCode() + " leaves " + e.spell().networkCode() + " after "
                        + e.newEnd()));
        plan.joins().forEach(j -> changes.add("practice " + j.practiceCode() + " joins " + j.networkCode() + " from "
                + j.start() + (j.end() == null ? "" : " to " + j.end())));
        return changes;
    }

    private static Map<String, EpcnImportPlan.NetworkState> states(Map<String, Network> networks) {
        return networks.values().stream().collect(Collectors.toMap(n -> n.code,
                n -> new EpcnImportPlan.NetworkState(n.code, n.name, n.commissionerCode, n.openDate, n.closeDate,
                        n.postcode)));
    }

    private Map<String, EpcnImportPlan.PracticeState> practices() {
        return Practice.<Practice>streamAll().collect(Collectors.toMap(p -> p.code,
                p -> new EpcnImportPlan.PracticeState(p.code, p.name, p.commissionerCode)));
    }

    private List<EpcnImportPlan.SpellState> spells() {
        return Membership.<Membership>streamAll().map(m -> new EpcnImportPlan.SpellState(m.id, m.practiceCode,
                m.networkCode, m.startDate, m.endDate)).toList();
    }
}
