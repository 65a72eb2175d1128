package uk.nhs.pcn.funding.network;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.NetworkClosed;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.NetworkRenamed;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.events.registry.PracticeLeftNetwork;

/**
 * Applies registry events to the read model. Every change is an upsert keyed by what the event is about, so
 * applying an event twice leaves the same state (and the consumer also skips redelivered event ids).
 */
@ApplicationScoped
public class RegistryReadModel {

    @Inject
    EntityManager entityManager;

    void apply(NetworkRegistered e) {
        entityManager.createNativeQuery("""
                INSERT INTO known_network (code, name, commissioner_code, open_date) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, commissioner_code = EXCLUDED.commissioner_code,
                    open_date = EXCLUDED.open_date""")
                .setParameter(1, e.networkCode()).setParameter(2, e.name()).setParameter(3, e.commissionerCode())
                .setParameter(4, e.effectiveDate()).executeUpdate();
    }

    void apply(NetworkRenamed e) {
        entityManager.createNativeQuery("UPDATE known_network SET name = ?2 WHERE code = ?1")
                .setParameter(1, e.networkCode()).setParameter(2, e.name()).executeUpdate();
    }

    /** @return whether the network is known (a closure of an unknown network changes nothing) */
    boolean apply(NetworkClosed e) {
        return entityManager.createNativeQuery("UPDATE known_network SET close_date = ?2 WHERE code = ?1")
                .setParameter(1, e.networkCode()).setParameter(2, e.effectiveDate()).executeUpdate() == 1;
    }

    void apply(PracticeJoinedNetwork e) {
        entityManager.createNativeQuery("""
                INSERT INTO known_membership (practice_code, network_code, start_date) VALUES (?1, ?2, ?3)
                ON CONFLICT (practice_code, network_code, start_date) DO NOTHING""")
                .setParameter(1, e.practiceCode()).setParameter(2, e.networkCode())
                .setParameter(3, e.effectiveDate()).executeUpdate();
    }

    void apply(PracticeLeftNetwork e) {
        entityManager.createNativeQuery("""
                UPDATE known_membership SET end_date = ?3
                WHERE practice_code = ?1 AND network_code = ?2 AND start_date <= ?3
                  AND start_date = (SELECT max(start_date) FROM known_membership
                                    WHERE practice_code = ?1 AND network_code = ?2 AND start_date <= ?3)""")
                .setParameter(1, e.practiceCode()).setParameter(2, e.networkCode())
                .setParameter(3, e.effectiveDate()).executeUpdate();
    }

    void apply(ListSizeRecorded e) {
        entityManager.createNativeQuery("""
                INSERT INTO known_list_size (practice_code, as_at, registered_patients, weighted_population,
                                             adjusted_population)
                VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (practice_code, as_at) DO UPDATE SET registered_patients = EXCLUDED.registered_patients,
                    weighted_population = EXCLUDED.weighted_population,
                    adjusted_population = EXCLUDED.adjusted_population""")
                .setParameter(1, e.practiceCode()).setParameter(2, e.effectiveDate())
                .setParameter(3, e.registeredPatients()).setParameter(4, e.weightedPopulation())
                .setParameter(5, e.adjustedPopulation()).executeUpdate();
    }

    /** The networks the practice was a member of at any time between two days (inclusive). */
    Set<String> networksOf(String practiceCode, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<String> codes = entityManager.createNativeQuery("""
                SELECT DISTINCT network_code FROM known_membership
                WHERE practice_code = ?1 AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?2)""")
                .setParameter(1, practiceCode).setParameter(2, from).setParameter(3, to).getResultList();
        return new TreeSet<>(codes);
    }
}
