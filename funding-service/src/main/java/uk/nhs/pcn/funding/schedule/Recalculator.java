package uk.nhs.pcn.funding.schedule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import uk.nhs.pcn.events.funding.ArrsSumExceeded;
import uk.nhs.pcn.events.funding.EntitlementRecalculated;
import uk.nhs.pcn.events.funding.PaymentAdjustmentRaised;
import uk.nhs.pcn.funding.claims.ArrsClaims;
import uk.nhs.pcn.funding.entitlement.EntitlementCalculator;
import uk.nhs.pcn.funding.entitlement.EntitlementLine;
import uk.nhs.pcn.funding.entitlement.NetworkFacts;
import uk.nhs.pcn.funding.entitlement.YearEntitlement;
import uk.nhs.pcn.funding.events.FundingEvents;
import uk.nhs.pcn.funding.network.NetworkFactsLoader;
import uk.nhs.pcn.funding.rules.DesRuleSet;
import uk.nhs.pcn.funding.rules.DesRules;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.time.FinancialYear;

/**
 * Recalculates a network's year: the entitlement as the rules and the read models make it now; adjustment lines for
 * confirmed months whose lines it changes (in the first month not yet confirmed); the year total, published when it
 * changed; and the ARRS sum against the claims, published when the claims pass it. Runs in the caller's transaction,
 * holding the network's lock, so recalculating twice finds nothing new the second time.
 */
@ApplicationScoped
public class Recalculator {

    private static final Logger LOG = Logger.getLogger(Recalculator.class);

    @Inject
    EntityManager entityManager;

    @Inject
    DesRules rules;

    @Inject
    NetworkFactsLoader facts;

    @Inject
    PaymentRecords records;

    @Inject
    ArrsClaims claims;

    @Inject
    FundingEvents events;

    record DueYear(String networkCode, FinancialYear year) {
    }

    /**
     * Takes networks' years that are due (skipping those another instance holds), forgets their due rows and
     * recalculates each once, whatever the number of changes that made it due.
     *
     * @return how many networks' years were recalculated
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int recalculateDue(int batchSize) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT id, network_code, financial_year, cause_id FROM recalculation_due WHERE due_since <= now()
                ORDER BY due_since, id LIMIT ?1 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, batchSize * 20).getResultList();
        Map<DueYear, Set<String>> due = new LinkedHashMap<>();
        List<Long> taken = new ArrayList<>();
        for (Object[] r : rows) {
            DueYear key = new DueYear((String) r[1], FinancialYear.parse((String) r[2]));
            if (!due.containsKey(key) && due.size() == batchSize) {
                continue;
            }
            due.computeIfAbsent(key, k -> new LinkedHashSet<>()).add((String) r[3]);
            taken.add(((Number) r[0]).longValue());
        }
        if (taken.isEmpty()) {
            return 0;
        }
        entityManager.createNativeQuery("DELETE FROM recalculation_due WHERE id IN (?1)").setParameter(1, taken)
                .executeUpdate();
        records.lockNetworks(due.keySet().stream().map(DueYear::networkCode).toList());
        Map<FinancialYear, Map<String, List<String>>> byYear = new TreeMap<>();
        due.forEach((key, causes) -> byYear.computeIfAbsent(key.year(), y -> new TreeMap<>())
                .put(key.networkCode(), List.copyOf(causes)));
        byYear.forEach(this::recalculate);
        return due.size();
    }

    /**
     * Recalculates whatever is due for one network now (before a confirmation, say). Like the worker it takes the
     * due rows before the network's lock, so the two wait for each other but never deadlock; rows the worker holds
     * are waited for, and recalculated by the worker.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recalculateDueFor(String networkCode) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                DELETE FROM recalculation_due WHERE network_code = ?1 RETURNING financial_year, cause_id""")
                .setParameter(1, networkCode).getResultList();
        records.lockNetwork(networkCode);
        Map<FinancialYear, Set<String>> due = new TreeMap<>();
        rows.forEach(r -> due.computeIfAbsent(FinancialYear.parse((String) r[0]), k -> new LinkedHashSet<>())
                .add((String) r[1]));
        due.forEach((year, causes) -> recalculate(year, Map.of(networkCode, List.copyOf(causes))));
    }

    /** Leaves the oldest due network-year for a minute: its recalculation failed, the others must not wait. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void postponeOldest() {
        entityManager.createNativeQuery("""
                UPDATE recalculation_due SET due_since = now() + interval '1 minute'
                WHERE (network_code, financial_year) = (SELECT network_code, financial_year FROM recalculation_due
                                                        WHERE due_since <= now() ORDER BY due_since, id LIMIT 1)""")
                .executeUpdate();
    }

    /**
     * Recalculates one year of many networks (whose locks the caller holds) with a handful of queries for all of
     * them; only networks with confirmed months need more, for their adjustments.
     *
     * @param causes per network, what caused its recalculation
     */
    private void recalculate(FinancialYear year, Map<String, List<String>> causes) {
        Optional<DesRuleSet.YearRules> yearRules = rules.knownOn(today()).year(year);
        if (yearRules.isEmpty()) {
            return;
        }
        String fingerprint = DesRules.fingerprint(yearRules.get());
        Map<String, NetworkFacts> networks = facts.load(causes.keySet(), year);
        if (networks.isEmpty()) {
            return;
        }
        Map<String, PaymentRecords.YearTotal> previousTotals = records.yearTotals(networks.keySet(), year);
        Map<String, ArrsClaims.ClaimsToDate> claimed = claims.toDate(networks.keySet(), year);
        Set<String> withConfirmedMonths = records.withConfirmedMonths(networks.keySet());
        Map<String, PaymentRecords.YearTotal> totals = new TreeMap<>();
        List<FundingEvents.Keyed> published = new ArrayList<>();
        for (NetworkFacts network : networks.values()) {
            String code = network.networkCode();
            List<String> because = causes.get(code);
            YearEntitlement entitlement = EntitlementCalculator.calculate(yearRules.get(), network);
            if (withConfirmedMonths.contains(code)) {
                raiseAdjustments(code, year, entitlement, because);
            }
            PaymentRecords.YearTotal previous = previousTotals.get(code);
            ArrsClaims.ClaimsToDate claims = claimed.get(code);
            BigDecimal claimsToDate = claims == null ? BigDecimal.ZERO.setScale(2) : claims.total();
            Optional<BigDecimal> arrsSum = entitlement.arrsSum();
            boolean exceeded = arrsSum.isPresent() && claimsToDate.compareTo(arrsSum.get()) > 0;
            PaymentRecords.YearTotal now = new PaymentRecords.YearTotal(entitlement.total(), entitlement.incomplete(),
                    (int) entitlement.unavailableLines(), fingerprint, arrsSum.orElse(null), exceeded);
            if (previous == null || previous.total().compareTo(now.total()) != 0
                    || previous.incomplete() != now.incomplete() || previous.unavailableLines() != now.unavailableLines()) {
                published.add(new FundingEvents.Keyed(code, new EntitlementRecalculated(code, year.toString(),
                        previous == null ? null : previous.total(), now.total(), now.incomplete(),
                        now.unavailableLines(), because)));
            }
            if (exceeded && (previous == null || !previous.arrsExceeded())) {
                published.add(new FundingEvents.Keyed(code, new ArrsSumExceeded(code, year.toString(), arrsSum.get(),
                        claimsToDate, claimsToDate.subtract(arrsSum.get()), claims.latestMonth().toString())));
            }
            totals.put(code, now);
        }
        records.saveYearTotals(year, totals);
        events.publishAll(published);
        LOG.debugf("Recalculated %s for %d networks", year, totals.size());
    }

    private void raiseAdjustments(String networkCode, FinancialYear year, YearEntitlement entitlement,
            List<String> causes) {
        Map<YearMonth, PaymentRecords.ConfirmedMonth> confirmed = records.confirmedMonths(networkCode);
        Map<YearMonth, List<EntitlementLine>> confirmedInYear = new TreeMap<>();
        confirmed.values().stream().filter(m -> year.contains(m.month().atDay(1)))
                .forEach(m -> confirmedInYear.put(m.month(), m.lines()));
        if (confirmedInYear.isEmpty()) {
            return;
        }
        records.withdrawOpenUnavailable(networkCode, year, confirmed.keySet());
        List<Adjustment> raised = records.correcting(networkCode, year).stream().filter(Adjustment::available).toList();
        List<Adjustment> planned = AdjustmentPlanner.plan(entitlement, confirmedInYear, raised,
                firstOpenMonth(year, confirmed.keySet()), causes);
        records.add(planned);
        events.publishAll(planned.stream().filter(Adjustment::available).map(a -> new FundingEvents.Keyed(networkCode,
                new PaymentAdjustmentRaised(networkCode, a.id().toString(), year.toString(),
                        a.correctsMonth().toString(), a.paidInMonth().toString(), a.component(), a.basis().code(),
                        a.practiceCode(), a.paidBefore(), a.corrected(), a.amount(), a.revision(), causes)))
                .toList());
    }

    /** The month after the year's last confirmed month (or April), skipping any confirmed after it. */
    static YearMonth firstOpenMonth(FinancialYear year, Set<YearMonth> confirmed) {
        YearMonth month = confirmed.stream().filter(m -> year.contains(m.atDay(1))).max(YearMonth::compareTo)
                .map(m -> m.plusMonths(1)).orElse(YearMonth.from(year.start()));
        while (confirmed.contains(month)) {
            month = month.plusMonths(1);
        }
        return month;
    }

    /**
     * Marks due every network's year calculated with other rules than those in force today (the rule set file was
     * corrected, or a revision's publication date has come).
     *
     * @return how many networks' years were marked
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int markChangedRulesDue() {
        int marked = 0;
        for (DesRuleSet.YearRules year : rules.knownOn(today()).years()) {
            String fingerprint = DesRules.fingerprint(year);
            String revisions = year.revisions().isEmpty() ? "no revisions"
                    : "revisions " + String.join(", ", year.revisions().stream().map(DesRuleSet.Revision::id).toList());
            marked += entityManager.createNativeQuery("""
                    INSERT INTO recalculation_due (network_code, financial_year, cause_id, cause_kind)
                    SELECT network_code, financial_year, ?2, ?3 FROM entitlement_total
                    WHERE financial_year = ?1 AND rules_fingerprint <> ?4""")
                    .setParameter(1, year.financialYear())
                    .setParameter(2, "des-rules " + year.financialYear() + " " + fingerprint)
                    .setParameter(3, "DES rule set for " + year.financialYear() + " changed (" + revisions + ")")
                    .setParameter(4, fingerprint).executeUpdate();
        }
        return marked;
    }

    static LocalDate today() {
        return QueryParams.today();
    }
}
