package uk.nhs.pcn.funding.schedule;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import uk.nhs.pcn.funding.rules.DesRuleSet;
import uk.nhs.pcn.funding.rules.DesRules;
import uk.nhs.pcn.platform.time.FinancialYear;

/**
 * Marks networks' years as due for recalculation, in the transaction of the change that affects them (a registry
 * event applied, beds recorded, a month confirmed), so the recalculation cannot be lost. {@link RecalculationWorker}
 * takes them at once after the commit.
 */
@ApplicationScoped
public class Recalculations {

    /** What caused a recalculation: an event id ({@code ce_id}) or the id of a change made here, and its kind. */
    public record Cause(String id, String kind) {
    }

    /** Fired within the marking transaction; the worker observes it after a successful commit. */
    public record Due() {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    DesRules rules;

    @Inject
    Event<Due> due;

    @Transactional(Transactional.TxType.MANDATORY)
    public void due(String networkCode, Collection<FinancialYear> years, Cause cause) {
        for (FinancialYear year : years) {
            entityManager.createNativeQuery("""
                    INSERT INTO recalculation_due (network_code, financial_year, cause_id, cause_kind)
                    VALUES (?1, ?2, ?3, ?4)""")
                    .setParameter(1, networkCode).setParameter(2, year.toString()).setParameter(3, cause.id())
                    .setParameter(4, cause.kind()).executeUpdate();
        }
        if (!years.isEmpty()) {
            due.fire(new Due());
        }
    }

    /** The rule-set years that a change from {@code date} on affects: the year of the date and every later one. */
    public List<FinancialYear> yearsFrom(LocalDate date) {
        return rules.all().years().stream().map(DesRuleSet.YearRules::year)
                .filter(y -> !y.end().isBefore(date)).toList();
    }

    /** The rule-set year whose population is a figure recorded as at {@code date}: the next 1 January on or after it. */
    public Optional<FinancialYear> yearUsingPopulationOf(LocalDate date) {
        int startYear = date.getDayOfYear() == 1 ? date.getYear() : date.getYear() + 1;
        FinancialYear year = new FinancialYear(startYear);
        return rules.all().year(year).map(DesRuleSet.YearRules::year);
    }

    public Optional<FinancialYear> ruleYearOf(LocalDate date) {
        return rules.all().year(FinancialYear.of(date)).map(DesRuleSet.YearRules::year);
    }
}
