package uk.nhs.pcn.funding.carehome;

import static uk.nhs.pcn.platform.sql.SqlValues.date;
import static uk.nhs.pcn.platform.sql.SqlValues.timestamp;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import uk.nhs.pcn.funding.schedule.Recalculations;
import uk.nhs.pcn.platform.registry.RegistryReadModel;

/**
 * Care-home beds a commissioner aligns to a network, effective-dated: a record holds from its date until the next
 * record's. Recording beds recalculates the network's years from that date; months already confirmed get
 * adjustment lines naming the record's id as the cause.
 */
@ApplicationScoped
public class CareHomeBedsService {

    /** @param id the record's id: the cause named by the adjustments it brings about */
    public record BedsRecord(UUID id, String networkCode, LocalDate from, int beds, OffsetDateTime recordedAt) {
    }

    /** @param replaced whether a record for the same date was replaced */
    public record Recorded(BedsRecord record, boolean replaced) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    Recalculations recalculations;

    @Inject
    RegistryReadModel registry;

    @Transactional
    public Recorded record(String networkCode, LocalDate from, int beds) {
        registry.requireNetwork(networkCode);
        boolean replaced = entityManager.createNativeQuery("""
                DELETE FROM care_home_beds WHERE network_code = ?1 AND effective_from = ?2""")
                .setParameter(1, networkCode).setParameter(2, from).executeUpdate() > 0;
        BedsRecord record = new BedsRecord(UUID.randomUUID(), networkCode, from, beds, OffsetDateTime.now());
        entityManager.createNativeQuery("""
                INSERT INTO care_home_beds (id, network_code, effective_from, beds, recorded_at)
                VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, record.id()).setParameter(2, networkCode).setParameter(3, from)
                .setParameter(4, beds).setParameter(5, record.recordedAt()).executeUpdate();
        recalculations.due(networkCode, recalculations.yearsFrom(from),
                new Recalculations.Cause(record.id().toString(), "care-home beds recorded"));
        return new Recorded(record, replaced);
    }

    @Transactional
    public List<BedsRecord> list(String networkCode) {
        registry.requireNetwork(networkCode);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT id, effective_from, beds, recorded_at FROM care_home_beds WHERE network_code = ?1
                ORDER BY effective_from""").setParameter(1, networkCode).getResultList();
        return rows.stream().map(r -> new BedsRecord((UUID) r[0], networkCode, date(r[1]), ((Number) r[2]).intValue(),
                timestamp(r[3]))).toList();
    }
}
