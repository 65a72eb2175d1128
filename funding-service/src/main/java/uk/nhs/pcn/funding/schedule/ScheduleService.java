package uk.nhs.pcn.funding.schedule;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import uk.nhs.pcn.events.funding.MonthConfirmed;
import uk.nhs.pcn.funding.entitlement.EntitlementCalculator;
import uk.nhs.pcn.funding.entitlement.EntitlementLine;
import uk.nhs.pcn.funding.entitlement.MonthEntitlement;
import uk.nhs.pcn.funding.entitlement.NetworkFacts;
import uk.nhs.pcn.funding.entitlement.YearEntitlement;
import uk.nhs.pcn.funding.events.FundingEvents;
import uk.nhs.pcn.funding.network.NetworkFactsLoader;
import uk.nhs.pcn.funding.rules.DesRuleSet;
import uk.nhs.pcn.funding.rules.DesRules;
import uk.nhs.pcn.funding.schedule.ScheduleViews.ComponentTotal;
import uk.nhs.pcn.funding.schedule.ScheduleViews.MonthView;
import uk.nhs.pcn.funding.schedule.ScheduleViews.NetworkEntitlement;
import uk.nhs.pcn.funding.schedule.ScheduleViews.PaymentSchedule;
import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.registry.KnownNetwork;
import uk.nhs.pcn.platform.registry.RegistryReadModel;
import uk.nhs.pcn.platform.time.FinancialYear;

/**
 * Payment schedules as people read them: months confirmed as they stood, the other months calculated now, adjustment
 * lines in the months they are paid in; confirmation of a month; the split among member practices; every network's
 * entitlement for a year.
 */
@ApplicationScoped
public class ScheduleService {

    @Inject
    DesRules rules;

    @Inject
    NetworkFactsLoader facts;

    @Inject
    PaymentRecords records;

    @Inject
    Recalculator recalculator;

    @Inject
    Recalculations recalculations;

    @Inject
    FundingEvents events;

    @Inject
    RegistryReadModel registry;

    /** The year's rules as in force today; a 404 naming the years covered when the rule set has no such year. */
    public DesRuleSet.YearRules requireYear(FinancialYear year) {
        return rules.knownOn(QueryParams.today()).year(year).orElseThrow(() -> new ProblemException(404,
                "no-rule-set", "No rule set for the year", "The DES rule set has no figures for " + year
                        + "; it covers " + String.join(", ", rules.all().years().stream()
                                .map(DesRuleSet.YearRules::financialYear).toList()),
                List.of()));
    }

    @Transactional
    public PaymentSchedule schedule(String networkCode, FinancialYear year) {
        KnownNetwork network = registry.requireNetwork(networkCode);
        DesRuleSet.YearRules yearRules = requireYear(year);
        YearEntitlement entitlement = EntitlementCalculator.calculate(yearRules, load(networkCode, year));
        Map<YearMonth, PaymentRecords.ConfirmedMonth> confirmed = records.confirmedMonths(networkCode);
        List<Adjustment> adjustments = records.paidIn(networkCode, year);
        List<MonthView> months = new ArrayList<>();
        for (MonthEntitlement month : entitlement.months()) {
            months.add(monthView(month, confirmed.get(month.month()), adjustments.stream()
                    .filter(a -> a.paidInMonth().equals(month.month())).toList()));
        }
        long unavailable = months.stream().mapToLong(m -> m.lines().stream().filter(l -> !l.available()).count()
                + m.adjustments().stream().filter(a -> !a.available()).count()).sum();
        return new PaymentSchedule(network.code(), network.name(), network.commissionerCode(), year.toString(),
                yearRules.populationDate(), rules.location(),
                yearRules.revisions().stream().map(r -> r.id() + " (published " + r.published() + ", applies from "
                        + r.appliesFrom() + ")").toList(),
                ScheduleViews.CALCULATION, months, sum(months.stream().map(MonthView::total).toList()),
                months.stream().anyMatch(MonthView::incomplete), unavailable, entitlement.total(),
                entitlement.budget(), entitlement.annual(), entitlement.notes());
    }

    /**
     * Confirms the month as it stands now (after anything due for the network is recalculated, so adjustments are
     * in place). Months are confirmed in order within a year; a confirmed month never changes.
     */
    @Transactional
    public MonthView confirm(String networkCode, YearMonth month, String confirmedBy) {
        registry.requireNetwork(networkCode);
        FinancialYear year = FinancialYear.of(month);
        DesRuleSet.YearRules yearRules = requireYear(year);
        if (month.atDay(1).isAfter(QueryParams.today())) {
            throw ProblemException.conflict("month-not-started", "Month not started",
                    month + " has not started yet; a month is confirmed once it has begun", "month");
        }
        recalculator.recalculateDueFor(networkCode);
        Map<YearMonth, PaymentRecords.ConfirmedMonth> confirmed = records.confirmedMonths(networkCode);
        if (confirmed.containsKey(month)) {
            throw ProblemException.conflict("already-confirmed", "Month already confirmed",
                    month + " was confirmed on " + confirmed.get(month).confirmedAt().toLocalDate() + " by "
                            + confirmed.get(month).confirmedBy() + "; a confirmed month never changes", "month");
        }
        if (!month.equals(YearMonth.from(year.start())) && !confirmed.containsKey(month.minusMonths(1))) {
            throw ProblemException.conflict("confirm-in-order", "Months are confirmed in order",
                    "Confirm " + month.minusMonths(1) + " before " + month, "month");
        }
        YearEntitlement entitlement = EntitlementCalculator.calculate(yearRules, load(networkCode, year));
        MonthEntitlement calculated = entitlement.months().stream().filter(m -> m.month().equals(month))
                .findFirst().orElseThrow();
        List<Adjustment> adjustments = records.paidIn(networkCode, year).stream()
                .filter(a -> a.paidInMonth().equals(month)).toList();
        MonthView view = monthView(calculated, null, adjustments);
        PaymentRecords.ConfirmedMonth record = new PaymentRecords.ConfirmedMonth(month, year.toString(),
                view.total(), view.incomplete(), calculated.lines(), OffsetDateTime.now(), confirmedBy);
        records.confirm(networkCode, record);
        events.publish(networkCode, new MonthConfirmed(networkCode, month.toString(), year.toString(), view.total(),
                view.incomplete(), calculated.lines().size(), adjustments.size()));
        // Corrections that could not be calculated now sit in a confirmed month: plan them again in the next one.
        List<FinancialYear> withConfirmedMonths = rules.all().years().stream().map(DesRuleSet.YearRules::year)
                .filter(y -> !y.start().isAfter(year.start())).toList();
        recalculations.due(networkCode, withConfirmedMonths, new Recalculations.Cause(
                "confirmation " + networkCode + " " + month, "month confirmed"));
        return monthView(calculated, record, adjustments);
    }

    @Transactional
    public ScheduleViews.PracticeSplitView split(String networkCode, FinancialYear year) {
        registry.requireNetwork(networkCode);
        DesRuleSet.YearRules yearRules = requireYear(year);
        NetworkFacts network = load(networkCode, year);
        YearEntitlement entitlement = EntitlementCalculator.calculate(yearRules, network);
        Map<YearMonth, PaymentRecords.ConfirmedMonth> confirmed = records.confirmedMonths(networkCode);
        List<PracticeSplit> months = new ArrayList<>();
        Map<String, BigDecimal> practiceTotals = new TreeMap<>();
        for (MonthEntitlement calculated : entitlement.months()) {
            PaymentRecords.ConfirmedMonth c = confirmed.get(calculated.month());
            MonthEntitlement month = c == null ? calculated : new MonthEntitlement(c.month(), c.lines());
            PracticeSplit split = PracticeSplit.split(month,
                    EntitlementCalculator.registeredDays(network, month.month()));
            months.add(split);
            split.practices().forEach(p -> practiceTotals.merge(p.practiceCode(), p.total(), BigDecimal::add));
        }
        return new ScheduleViews.PracticeSplitView(networkCode, year.toString(), "Each line is divided in proportion "
                + "to each member's population × its days of membership in the month (care-home premium and fixed "
                + "sums by registered list × days); shares are rounded down to the penny and the pennies left over go "
                + "to the largest share. Payments to practices are each practice's own. Adjustment lines are listed "
                + "for the network, not split.", months,
                practiceTotals.entrySet().stream().map(e -> new ScheduleViews.PracticeYear(e.getKey(), e.getValue()))
                        .toList(),
                records.paidIn(networkCode, year));
    }

    /** Every network's entitlement for the year (open at some time in it), or a commissioner's networks. */
    @Transactional
    public ScheduleViews.Entitlements entitlements(FinancialYear year, String commissioner) {
        DesRuleSet.YearRules yearRules = requireYear(year);
        List<KnownNetwork> networks = commissioner == null ? registry.networksOpen(year.start(), year.end())
                : registry.networksOpen(commissioner, year.start(), year.end());
        Map<String, NetworkFacts> all = facts.load(commissioner == null ? null
                : networks.stream().map(KnownNetwork::code).toList(), year);
        Map<String, ComponentTotalBuilder> components = new LinkedHashMap<>();
        yearRules.components().forEach(c -> components.put(c.code(), new ComponentTotalBuilder(c.code(), c.name())));
        // The networks' calculations are independent: both cores share them.
        Map<String, YearEntitlement> calculated = new java.util.concurrent.ConcurrentHashMap<>();
        networks.parallelStream().filter(n -> all.containsKey(n.code()))
                .forEach(n -> calculated.put(n.code(), EntitlementCalculator.amounts(yearRules, all.get(n.code()))));
        List<NetworkEntitlement> entitlements = new ArrayList<>();
        for (KnownNetwork network : networks) {
            YearEntitlement e = calculated.get(network.code());
            if (e == null) {
                continue;
            }
            entitlements.add(new NetworkEntitlement(network.code(), network.name(), network.commissionerCode(),
                    e.total(), e.incomplete(), e.unavailableLines()));
            Map<String, Boolean> incompleteHere = new LinkedHashMap<>();
            for (MonthEntitlement month : e.months()) {
                for (EntitlementLine line : month.lines()) {
                    ComponentTotalBuilder total = components.get(line.component());
                    if (line.available()) {
                        total.amount = total.amount.add(line.amount());
                    } else {
                        total.unavailableLines++;
                        incompleteHere.put(line.component(), true);
                    }
                }
            }
            incompleteHere.keySet().forEach(c -> components.get(c).networksIncomplete++);
        }
        List<ComponentTotal> totals = components.values().stream()
                .filter(c -> yearRules.component(c.code).map(rc -> rc.payment() == uk.nhs.pcn.funding.rules.Payment.MONTHLY)
                        .orElse(false))
                .map(c -> new ComponentTotal(c.code, c.name, c.amount, c.unavailableLines, c.networksIncomplete))
                .toList();
        return new ScheduleViews.Entitlements(year.toString(), commissioner, entitlements.size(),
                sum(entitlements.stream().map(NetworkEntitlement::total).toList()),
                entitlements.stream().anyMatch(NetworkEntitlement::incomplete), totals, entitlements);
    }

    private static final class ComponentTotalBuilder {
        final String code;
        final String name;
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        long unavailableLines;
        long networksIncomplete;

        ComponentTotalBuilder(String code, String name) {
            this.code = code;
            this.name = name;
        }
    }

    private NetworkFacts load(String networkCode, FinancialYear year) {
        return facts.load(networkCode, year).orElseThrow(() -> ProblemException.notFound("Network", networkCode));
    }

    static MonthView monthView(MonthEntitlement calculated, PaymentRecords.ConfirmedMonth confirmed,
            List<Adjustment> adjustments) {
        List<EntitlementLine> lines = confirmed != null ? confirmed.lines() : calculated.lines();
        BigDecimal linesTotal = sum(lines.stream().filter(EntitlementLine::available).map(EntitlementLine::amount)
                .toList());
        BigDecimal adjustmentsTotal = sum(adjustments.stream().filter(Adjustment::available).map(Adjustment::amount)
                .toList());
        boolean incomplete = lines.stream().anyMatch(l -> !l.available())
                || adjustments.stream().anyMatch(a -> !a.available());
        return new MonthView(calculated.month(), confirmed != null ? "confirmed" : "calculated",
                confirmed == null ? null : confirmed.confirmedAt(), confirmed == null ? null : confirmed.confirmedBy(),
                lines, adjustments, linesTotal, adjustmentsTotal, linesTotal.add(adjustmentsTotal), incomplete);
    }

    static BigDecimal sum(Collection<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
