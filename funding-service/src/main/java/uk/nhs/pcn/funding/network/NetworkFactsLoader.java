package uk.nhs.pcn.funding.network;

import static uk.nhs.pcn.platform.sql.SqlValues.date;
import static uk.nhs.pcn.platform.sql.SqlValues.decimal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import uk.nhs.pcn.funding.entitlement.NetworkFacts;
import uk.nhs.pcn.funding.entitlement.NetworkFacts.CareHomeBeds;
import uk.nhs.pcn.funding.entitlement.NetworkFacts.Membership;
import uk.nhs.pcn.funding.entitlement.NetworkFacts.Populations;
import uk.nhs.pcn.platform.time.FinancialYear;

/**
 * Reads what the calculation needs about networks for a financial year from the read models, in four queries
 * whatever the number of networks: the networks, the membership spells that overlap the year, the members'
 * populations near the population date, and the care-home beds.
 */
@ApplicationScoped
public class NetworkFactsLoader {

    @Inject
    EntityManager entityManager;

    public Optional<NetworkFacts> load(String networkCode, FinancialYear year) {
        return Optional.ofNullable(load(List.of(networkCode), year).get(networkCode));
    }

    /** @param networkCodes the networks, or null for every network */
    @SuppressWarnings("unchecked")
    public Map<String, NetworkFacts> load(Collection<String> networkCodes, FinancialYear year) {
        String onlyNetworks = networkCodes == null ? "" : " AND network_code IN (:networks)";
        Query networks = entityManager.createNativeQuery("SELECT code, open_date, close_date FROM known_network"
                + (networkCodes == null ? "" : " WHERE code IN (:networks)"));
        Query memberships = entityManager.createNativeQuery("""
                SELECT practice_code, network_code, start_date, end_date FROM known_membership
                WHERE start_date <= :yearEnd AND (end_date IS NULL OR end_date >= :yearStart)""" + onlyNetworks)
                .setParameter("yearStart", year.start()).setParameter("yearEnd", year.end());
        Query populations = entityManager.createNativeQuery("""
                SELECT practice_code, as_at, registered_patients, weighted_population, adjusted_population
                FROM known_list_size
                WHERE as_at <= :populationDate AND as_at > :yearBefore AND practice_code IN (
                    SELECT practice_code FROM known_membership
                    WHERE start_date <= :yearEnd AND (end_date IS NULL OR end_date >= :yearStart)""" + onlyNetworks
                + ")")
                .setParameter("populationDate", year.populationDate())
                .setParameter("yearBefore", year.populationDate().minusYears(1))
                .setParameter("yearStart", year.start()).setParameter("yearEnd", year.end());
        Query beds = entityManager.createNativeQuery("SELECT network_code, effective_from, beds FROM care_home_beds"
                + (networkCodes == null ? "" : " WHERE network_code IN (:networks)"));
        if (networkCodes != null) {
            if (networkCodes.isEmpty()) {
                return Map.of();
            }
            for (Query q : List.of(networks, memberships, populations, beds)) {
                q.setParameter("networks", networkCodes);
            }
        }
        Map<String, List<Membership>> spells = new HashMap<>();
        for (Object[] r : (List<Object[]>) memberships.getResultList()) {
            spells.computeIfAbsent((String) r[1], k -> new ArrayList<>())
                    .add(new Membership((String) r[0], date(r[2]), date(r[3])));
        }
        Map<String, List<Populations>> recorded = new HashMap<>();
        for (Object[] r : (List<Object[]>) populations.getResultList()) {
            recorded.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new Populations(date(r[1]),
                    ((Number) r[2]).longValue(), decimal(r[3]), decimal(r[4])));
        }
        Map<String, Populations> atPopulationDate = new HashMap<>();
        recorded.forEach((practice, figures) -> Populations.at(year.populationDate(), figures)
                .ifPresent(p -> atPopulationDate.put(practice, p)));
        Map<String, List<CareHomeBeds>> bedsByNetwork = new HashMap<>();
        for (Object[] r : (List<Object[]>) beds.getResultList()) {
            bedsByNetwork.computeIfAbsent((String) r[0], k -> new ArrayList<>())
                    .add(new CareHomeBeds(date(r[1]), ((Number) r[2]).intValue()));
        }
        Map<String, NetworkFacts> facts = new HashMap<>();
        for (Object[] r : (List<Object[]>) networks.getResultList()) {
            String code = (String) r[0];
            List<Membership> members = spells.getOrDefault(code, List.of());
            Map<String, Populations> memberPopulations = new HashMap<>();
            members.forEach(m -> Optional.ofNullable(atPopulationDate.get(m.practiceCode()))
                    .ifPresent(p -> memberPopulations.put(m.practiceCode(), p)));
            facts.put(code, new NetworkFacts(code, date(r[1]), date(r[2]), members, memberPopulations,
                    bedsByNetwork.getOrDefault(code, List.of())));
        }
        return facts;
    }
}
