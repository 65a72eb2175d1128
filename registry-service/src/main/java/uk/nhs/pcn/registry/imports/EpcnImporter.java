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

import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    /**
     * The share of the registry's current memberships an import may end without {@code confirmEndings} (more than
     * this, or every membership of a commissioner, must be confirmed with the exact count).
     */
    @ConfigProperty(name = "pcn.registry.epcn.max-ending-share", defaultValue = "0.05")
    double maxEndingShare;

    /**
     * @param confirmEndings the number of current memberships the caller expects the file to end, or null; when
     *        given it must be exactly that number
     */
    @Transactional
    public ImportReport importFile(Table details, Table partners, boolean dryRun, LocalDate effectiveDate,
            Integer confirmEndings, String fileName, String sha256, String importedBy) {
        EpcnParser.Result parsed = EpcnParser.parse(details, partners);
        if (parsed instanceof EpcnParser.Invalid invalid) {
            throw invalidFile(invalid.problems());
        }
        EpcnFile file = ((EpcnParser.Valid) parsed).file();
        importRuns.lockImports();
        Map<String, Network> networks = Network.<Network>streamAll()
                .collect(Collectors.toMap(n -> n.code, Function.identity()));
        Map<String, EpcnImportPlan.NetworkState> networkStates = states(networks);
        List<EpcnImportPlan.SpellState> spells = spells();
        // The same checks, in the same order, for a dry run and for the import itself: they always agree.
        refuseIfOlder(OlderFile.evidence(file, networkStates, spells));
        EpcnImportPlan plan = EpcnImportPlan.of(file, networkStates, practices(), spells, effectiveDate);
        List<FieldError> overlaps = plan.overlaps(spells);
        if (!overlaps.isEmpty()) {
            throw new ProblemException(409, "overlapping-membership", "Overlapping membership",
                    overlaps.get(0).message() + (overlaps.size() > 1 ? " (and " + (overlaps.size() - 1)
                            + " more overlap(s), listed)" : "") + " Nothing was imported.",
                    overlaps.subList(0, Math.min(overlaps.size(), MAX_LISTED_PROBLEMS)));
        }
        refuseUnconfirmedEndings(MembershipEndings.of(plan, file, networkStates, spells), confirmEndings);
        List<String> changes = describe(plan);
        ImportReport.Counts counts = new ImportReport.Counts(file.networks().size() + file.memberships().size(),
                plan.newNetworks().size(), plan.renames().size(), plan.closures().size(),
                plan.networkDetailChanges().size(), plan.newPractices().size(), plan.practiceChanges().size(),
                plan.joins().size(), (int) plan.spellEnds().stream().filter(e -> e.newEnd() != null).count(), 0, 0,
                0);
        int eventCount = 0;
        if (!dryRun) {
            long run = importRuns.record("epcn", fileName, sha256, importedBy, effectiveDate, counts);
            if (!plan.isEmpty()) {
                eventCount = apply(plan, networks, effectiveDate, run);
            }
        }
        return new ImportReport("epcn", dryRun, sha256, effectiveDate, counts, eventCount,
                ImportReport.firstChanges(changes), ImportReport.notListed(changes), null);
    }

    /** 409 naming the newest applied import the file is older than, and everything in the file it contradicts. */
    private void refuseIfOlder(List<OlderFile.Evidence> evidence) {
        if (evidence.isEmpty()) {
            return;
        }
        Map<Long, ImportRuns.Run> runs = importRuns.find(evidence.stream().map(OlderFile.Evidence::importRun)
                .collect(Collectors.toSet()));
        ImportRuns.Run newest = runs.values().stream().max(java.util.Comparator.comparing(ImportRuns.Run::importedAt)
                .thenComparing(ImportRuns.Run::id)).orElseThrow();
        long spells = evidence.stream().filter(e -> e.sheet().equals(EpcnParser.PARTNERS)).count();
        long closed = evidence.size() - spells;
        List<FieldError> errors = evidence.stream().limit(MAX_LISTED_PROBLEMS)
                .map(e -> new FieldError(e.sheet(), "older-than-registry", e.message(), e.row(), e.column()))
                .toList();
        throw new ProblemException(409, "older-import-file", "The file is older than an import already applied",
                "This file is older than " + newest.describe() + (runs.size() > 1 ? " and " + (runs.size() - 1)
                        + " earlier import(s)" : "") + ": it lists as current " + spells + " membership(s) that"
                        + " import ended" + (closed > 0 ? " and as open " + closed + " network(s) it closed" : "")
                        + ". Nothing was planned or imported; import a file at least as new as that one.",
                errors);
    }

    /** 422 unless the endings are few enough, or confirmed with their exact number. */
    private void refuseUnconfirmedEndings(MembershipEndings endings, Integer confirmEndings) {
        if (confirmEndings != null && confirmEndings == endings.ending()
                || confirmEndings == null && !endings.needConfirming(maxEndingShare)) {
            return;
        }
        String what = "This file would end " + endings.ending() + " of the registry's " + endings.current()
                + " current memberships";
        List<FieldError> errors = new ArrayList<>();
        String detail;
        if (confirmEndings != null) {
            detail = what + ", not the " + confirmEndings + " confirmed. Nothing was imported; check the file, "
                    + "or confirm with confirmEndings=" + endings.ending() + ".";
            errors.add(new FieldError("confirmEndings", "confirm-endings", "confirmEndings is " + confirmEndings
                    + "; this file would end " + endings.ending() + " current memberships"));
        } else {
            List<String> reasons = new ArrayList<>();
            if (endings.ending() > maxEndingShare * endings.current()) {
                reasons.add("more than " + percent(maxEndingShare) + " of them");
            }
            endings.emptied().forEach((commissioner, count) -> reasons.add("every one of commissioner "
                    + commissioner + "'s (" + count + ")"));
            detail = what + ": " + String.join(", and ", reasons) + ". A truncated or partial file would do this."
                    + " Nothing was imported; if these endings are intended, send the file again with "
                    + "confirmEndings=" + endings.ending() + ".";
            errors.add(new FieldError("confirmEndings", "confirm-endings", "This file would end "
                    + endings.ending() + " current memberships; confirm with confirmEndings=" + endings.ending()));
            endings.emptied().forEach((commissioner, count) -> errors.add(new FieldError("confirmEndings",
                    "commissioner-emptied", "Every current membership of commissioner " + commissioner
                            + "'s networks (" + count + ") would end")));
        }
        throw new ProblemException(422, "confirm-endings", "The import would end many memberships", detail,
                errors);
    }

    private static String percent(double share) {
        java.math.BigDecimal percent = java.math.BigDecimal.valueOf(share).movePointRight(2).stripTrailingZeros();
        return percent.toPlainString() + "%";
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
    private int apply(EpcnImportPlan plan, Map<String, Network> networks, LocalDate effectiveDate, long run) {
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
            // Only an end date the file gives is the file's word; one inferred from a spell the file no longer
            // lists (a truncated file, confirmed by mistake) must not make the full file look older later.
            m.endedByImport = end.newEnd() != null && end.row() != null ? run : null;
            if (end.newEnd() != null) {
                pending.add(RegistryEvents.practiceLeft(m.practiceCode, m.networkCode, end.newEnd(),
                        correlationOf.apply(m.practiceCode)));
            } else {
                // The spell is current again. Consumers were told it ended: to them the practice rejoins the day
                // after that end (a join dated the spell's start, before the leave they hold, would change nothing).
                pending.add(RegistryEvents.practiceJoined(practice(practices, m.practiceCode), m.networkCode,
                        end.spell().end().plusDays(1), correlationOf.apply(m.practiceCode)));
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
            m.endedByImport = row.end() == null ? null : run;
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
        recordClosures(plan, run);
        events.publishAll(pending);
        return pending.size();
    }

    /** Which import closed each network it closed (or whose close date it corrected); null if it reopened one. */
    private void recordClosures(EpcnImportPlan plan, long run) {
        List<String> closed = new ArrayList<>();
        List<String> reopened = new ArrayList<>();
        plan.closures().forEach(c -> closed.add(c.networkCode()));
        plan.networkDetailChanges().forEach(n -> (n.closeDate() == null ? reopened : closed).add(n.code()));
        if (!closed.isEmpty()) {
            entityManager.createNativeQuery("UPDATE network SET closed_by_import = ?1 WHERE code IN (?2) "
                    + "AND close_date IS NOT NULL").setParameter(1, run).setParameter(2, closed).executeUpdate();
        }
        if (!reopened.isEmpty()) {
            entityManager.createNativeQuery("UPDATE network SET closed_by_import = NULL WHERE code IN (?1) "
                    + "AND close_date IS NULL").setParameter(1, reopened).executeUpdate();
        }
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

    private Map<String, EpcnImportPlan.NetworkState> states(Map<String, Network> networks) {
        Map<String, Long> closedBy = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "SELECT code, closed_by_import FROM network WHERE closed_by_import IS NOT NULL").getResultList();
        rows.forEach(r -> closedBy.put((String) r[0], ((Number) r[1]).longValue()));
        return networks.values().stream().collect(Collectors.toMap(n -> n.code,
                n -> new EpcnImportPlan.NetworkState(n.code, n.name, n.commissionerCode, n.openDate, n.closeDate,
                        n.postcode, closedBy.get(n.code))));
    }

    private Map<String, EpcnImportPlan.PracticeState> practices() {
        return Practice.<Practice>streamAll().collect(Collectors.toMap(p -> p.code,
                p -> new EpcnImportPlan.PracticeState(p.code, p.name, p.commissionerCode)));
    }

    private List<EpcnImportPlan.SpellState> spells() {
        return Membership.<Membership>streamAll().map(m -> new EpcnImportPlan.SpellState(m.id, m.practiceCode,
                m.networkCode, m.startDate, m.endDate, m.endedByImport)).toList();
    }
}
