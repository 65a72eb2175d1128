package uk.nhs.pcn.platform.registry;

import static uk.nhs.pcn.platform.sql.SqlValues.date;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import uk.nhs.pcn.events.PcnEvent;
import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.NetworkClosed;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.NetworkRenamed;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.events.registry.PracticeLeftNetwork;
import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * A service's own copy of the registry, built from {@code pcn.registry.v1}: networks, practices' membership spells
 * and practices' list sizes, as the registry published them and never written by the service's API.
 * <p>
 * Every change is an upsert keyed by what the event is about, so applying an event twice leaves the same state;
 * the service's consumer applies each event in the transaction that records its id, so a redelivery is skipped
 * anyway. Dates are inclusive: a network is open from its open date to its close date, a practice is a member
 * from the first to the last day of its spell; no close or end date means not yet closed or ended.
 * <p>
 * The tables ({@code known_network}, {@code known_membership}, {@code known_list_size}) come from the platform's
 * migration in {@code db/registry-read-model}, which a service using this model adds to
 * {@code quarkus.flyway.locations}.
 */
@ApplicationScoped
public class RegistryReadModel {

    private static final String UNKNOWN = " (networks become known to this service from the registry's events)";

    @Inject
    EntityManager entityManager;

    /**
     * Applies an event of any registry type; other events (a type this model does not keep, such as a change of
     * clinical director) change nothing.
     */
    @Transactional(TxType.MANDATORY)
    public void apply(PcnEvent event) {
        if (event instanceof NetworkRegistered e) {
            apply(e);
        } else if (event instanceof NetworkRenamed e) {
            apply(e);
        } else if (event instanceof NetworkClosed e) {
            apply(e);
        } else if (event instanceof PracticeJoinedNetwork e) {
            apply(e);
        } else if (event instanceof PracticeLeftNetwork e) {
            apply(e);
        } else if (event instanceof ListSizeRecorded e) {
            apply(e);
        }
    }

    /** A network was registered (or registered again): its name, commissioner and open date. */
    @Transactional(TxType.MANDATORY)
    public void apply(NetworkRegistered e) {
        entityManager.createNativeQuery("""
                INSERT INTO known_network (code, name, commissioner_code, open_date) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, commissioner_code = EXCLUDED.commissioner_code,
                    open_date = EXCLUDED.open_date""")
                .setParameter(1, e.networkCode()).setParameter(2, e.name()).setParameter(3, e.commissionerCode())
                .setParameter(4, e.effectiveDate()).executeUpdate();
    }

    @Transactional(TxType.MANDATORY)
    public void apply(NetworkRenamed e) {
        entityManager.createNativeQuery("UPDATE known_network SET name = ?2 WHERE code = ?1")
                .setParameter(1, e.networkCode()).setParameter(2, e.name()).executeUpdate();
    }

    /** @return whether the network is known (a closure of an unknown network changes nothing) */
    @Transactional(TxType.MANDATORY)
    public boolean apply(NetworkClosed e) {
        return entityManager.createNativeQuery("UPDATE known_network SET close_date = ?2 WHERE code = ?1")
                .setParameter(1, e.networkCode()).setParameter(2, e.effectiveDate()).executeUpdate() == 1;
    }

    /** A new spell of membership from its first day (a spell already known is left as it is). */
    @Transactional(TxType.MANDATORY)
    public void apply(PracticeJoinedNetwork e) {
        entityManager.createNativeQuery("""
                INSERT INTO known_membership (practice_code, network_code, start_date) VALUES (?1, ?2, ?3)
                ON CONFLICT (practice_code, network_code, start_date) DO NOTHING""")
                .setParameter(1, e.practiceCode()).setParameter(2, e.networkCode())
                .setParameter(3, e.effectiveDate()).executeUpdate();
    }

    /** Ends the practice's latest spell in the network that started by its last day. */
    @Transactional(TxType.MANDATORY)
    public void apply(PracticeLeftNetwork e) {
        entityManager.createNativeQuery("""
                UPDATE known_membership SET end_date = ?3
                WHERE practice_code = ?1 AND network_code = ?2 AND start_date <= ?3
                  AND start_date = (SELECT max(start_date) FROM known_membership
                                    WHERE practice_code = ?1 AND network_code = ?2 AND start_date <= ?3)""")
                .setParameter(1, e.practiceCode()).setParameter(2, e.networkCode())
                .setParameter(3, e.effectiveDate()).executeUpdate();
    }

    /** The practice's registered list, weighted and adjusted populations as at a date (a later figure replaces). */
    @Transactional(TxType.MANDATORY)
    public void apply(ListSizeRecorded e) {
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

    /** The network, if the registry has published it. */
    public Optional<KnownNetwork> network(String code) {
        return networks(entityManager.createNativeQuery("""
                SELECT code, name, commissioner_code, open_date, close_date FROM known_network
                WHERE code = ?1""").setParameter(1, code)).stream().findFirst();
    }

    /** The network, or a 404 problem saying that networks become known from the registry's events. */
    public KnownNetwork requireNetwork(String code) {
        return network(code).orElseThrow(() -> ProblemException.notFound("Network", code + UNKNOWN));
    }

    /**
     * The network, its row locked until the transaction ends: changes a service checks against the network's dates
     * are checked one after another, and a closure of the network waits for them. A 404 problem when unknown.
     */
    @Transactional(TxType.MANDATORY)
    public KnownNetwork lockNetwork(String code) {
        return networks(entityManager.createNativeQuery("""
                SELECT code, name, commissioner_code, open_date, close_date FROM known_network
                WHERE code = ?1 FOR UPDATE""").setParameter(1, code)).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Network", code + UNKNOWN));
    }

    /** Whether the network is known and open on the day. */
    public boolean isOpen(String code, LocalDate date) {
        return network(code).map(n -> n.isOpenOn(date)).orElse(false);
    }

    /** The networks open on at least one day between two days (inclusive), in code order. */
    public List<KnownNetwork> networksOpen(LocalDate from, LocalDate to) {
        return networks(entityManager.createNativeQuery("""
                SELECT code, name, commissioner_code, open_date, close_date FROM known_network
                WHERE open_date <= ?2 AND (close_date IS NULL OR close_date >= ?1)
                ORDER BY code""").setParameter(1, from).setParameter(2, to));
    }

    /** A commissioner's networks open on at least one day between two days (inclusive), in code order. */
    public List<KnownNetwork> networksOpen(String commissionerCode, LocalDate from, LocalDate to) {
        return networks(entityManager.createNativeQuery("""
                SELECT code, name, commissioner_code, open_date, close_date FROM known_network
                WHERE commissioner_code = ?3 AND open_date <= ?2 AND (close_date IS NULL OR close_date >= ?1)
                ORDER BY code""").setParameter(1, from).setParameter(2, to).setParameter(3, commissionerCode));
    }

    /**
     * The network the practice was a member of on the day, if any. A practice is a core member of one network at a
     * time; should two spells overlap (a join published before the matching leave), the later spell answers.
     */
    public Optional<String> networkOf(String practiceCode, LocalDate date) {
        @SuppressWarnings("unchecked")
        List<String> codes = entityManager.createNativeQuery("""
                SELECT network_code FROM known_membership
                WHERE practice_code = ?1 AND start_date <= ?2 AND (end_date IS NULL OR end_date >= ?2)
                ORDER BY start_date DESC, network_code LIMIT 1""")
                .setParameter(1, practiceCode).setParameter(2, date).getResultList();
        return codes.stream().findFirst();
    }

    /** The networks the practice was a member of on at least one day between two days (inclusive), in code order. */
    public List<String> networksOf(String practiceCode, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<String> codes = entityManager.createNativeQuery("""
                SELECT DISTINCT network_code FROM known_membership
                WHERE practice_code = ?1 AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?2)
                ORDER BY network_code""")
                .setParameter(1, practiceCode).setParameter(2, from).setParameter(3, to).getResultList();
        return codes;
    }

    /**
     * The network's registered population on a day: the sum over the practices that were members that day of each
     * one's latest registered list on or before it (a member with no list size by then counts nothing).
     */
    public long registeredPopulation(String networkCode, LocalDate date) {
        Object sum = entityManager.createNativeQuery("""
                SELECT COALESCE(sum(ls.registered_patients), 0) FROM known_membership m
                JOIN LATERAL (SELECT registered_patients FROM known_list_size l
                              WHERE l.practice_code = m.practice_code AND l.as_at <= ?2
                              ORDER BY l.as_at DESC LIMIT 1) ls ON true
                WHERE m.network_code = ?1 AND m.start_date <= ?2 AND (m.end_date IS NULL OR m.end_date >= ?2)""")
                .setParameter(1, networkCode).setParameter(2, date).getSingleResult();
        return ((Number) sum).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<KnownNetwork> networks(Query query) {
        return ((List<Object[]>) query.getResultList()).stream().map(r -> new KnownNetwork((String) r[0],
                (String) r[1], (String) r[2], date(r[3]), date(r[4]))).toList();
    }
}
