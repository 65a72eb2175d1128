package uk.nhs.pcn.registry.practice;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.registry.events.RegistryEvents;

/** Registers practices and records their list sizes. */
@ApplicationScoped
public class PracticeService {

    @Inject
    RegistryEvents events;

    @Inject
    EntityManager entityManager;

    @Transactional
    public Practice register(String code, String name, String postcode, String commissionerCode) {
        if (Practice.findById(code) != null) {
            throw ProblemException.conflict("already-registered", "Practice already registered",
                    "Practice " + code + " is already registered", "code");
        }
        Practice p = new Practice();
        p.code = code;
        p.name = name.strip();
        p.postcode = postcode;
        p.commissionerCode = commissionerCode;
        p.persist();
        return p;
    }

    public static Practice require(String code) {
        Practice p = Practice.findById(code);
        if (p == null) {
            throw ProblemException.notFound("Practice", code);
        }
        return p;
    }

    public static Practice lock(String code) {
        Practice p = Practice.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            throw ProblemException.notFound("Practice", code);
        }
        return p;
    }

    /**
     * Records the practice's populations as at a date (replacing a figure already held for that date). Publishes
     * ListSizeRecorded unless the same figures were already held.
     * <p>
     * The API's hot write path, so it runs as four plain statements on the transaction's connection instead of
     * loading entities that Hibernate would then dirty-check and flush (the profile in docs/benchmarks.md): lock
     * the practice (as every membership change does, so the network named in the event is the one of the moment),
     * find its network on the date, upsert the figures (the row is changed only when they differ), and write the
     * event to the outbox.
     *
     * @return the list size now held for the date
     */
    @Transactional
    public ListSize recordListSize(String practiceCode, LocalDate asAt, int registered,
            BigDecimal weighted, BigDecimal adjusted, String source) {
        ListSize[] result = new ListSize[1];
        boolean[] changed = new boolean[1];
        String[] network = new String[1];
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(LOCK_PRACTICE)) {
                lock.setString(1, practiceCode);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.notFound("Practice", practiceCode);
                    }
                }
            }
            try (PreparedStatement find = connection.prepareStatement(NETWORK_ON)) {
                find.setString(1, practiceCode);
                find.setObject(2, asAt);
                try (ResultSet rs = find.executeQuery()) {
                    network[0] = rs.next() ? rs.getString(1) : null;
                }
            }
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setString(1, practiceCode);
                upsert.setObject(2, asAt);
                upsert.setInt(3, registered);
                upsert.setBigDecimal(4, weighted);
                upsert.setBigDecimal(5, adjusted);
                upsert.setString(6, source);
                upsert.setString(7, weighted == null ? null : source);
                try (ResultSet rs = upsert.executeQuery()) {
                    if (rs.next()) {
                        result[0] = listSize(rs);
                        changed[0] = true;
                    }
                }
            }
            if (result[0] == null) { // the same figures were already held: nothing changed
                try (PreparedStatement select = connection.prepareStatement(SELECT_LIST_SIZE)) {
                    select.setString(1, practiceCode);
                    select.setObject(2, asAt);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        result[0] = listSize(rs);
                    }
                }
            }
        });
        if (changed[0]) {
            events.publish(RegistryEvents.listSizeRecorded(result[0], network[0], null));
        }
        return result[0];
    }

    private static final String LIST_SIZE_COLUMNS = "id, practice_code, as_at, registered_patients, "
            + "weighted_population, adjusted_population, source, weighted_source";

    private static final String LOCK_PRACTICE = "SELECT 1 FROM practice WHERE code = ? FOR UPDATE";

    private static final String NETWORK_ON = """
            SELECT network_code FROM membership
            WHERE practice_code = ? AND daterange(start_date, end_date, '[]') @> ?::date""";

    /** The ids come from the same sequence Hibernate allocates from in blocks of 50; nextval never repeats. */
    private static final String UPSERT = """
            INSERT INTO list_size AS s (id, practice_code, as_at, registered_patients, weighted_population,
                                        adjusted_population, source, weighted_source)
            VALUES (nextval('list_size_seq'), ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (practice_code, as_at) DO UPDATE
                SET registered_patients = EXCLUDED.registered_patients,
                    weighted_population = EXCLUDED.weighted_population,
                    adjusted_population = EXCLUDED.adjusted_population,
                    source = EXCLUDED.source,
                    weighted_source = EXCLUDED.weighted_source
                WHERE (s.registered_patients, s.weighted_population, s.adjusted_population)
                      IS DISTINCT FROM (EXCLUDED.registered_patients, EXCLUDED.weighted_population,
                                        EXCLUDED.adjusted_population)
            RETURNING\s""" + LIST_SIZE_COLUMNS;

    private static final String SELECT_LIST_SIZE = "SELECT " + LIST_SIZE_COLUMNS
            + " FROM list_size WHERE practice_code = ? AND as_at = ?";

    private static ListSize listSize(ResultSet rs) throws SQLException {
        ListSize size = new ListSize();
        size.id = rs.getLong(1);
        size.practiceCode = rs.getString(2);
        size.asAt = rs.getObject(3, LocalDate.class);
        size.registeredPatients = rs.getInt(4);
        size.weightedPopulation = rs.getBigDecimal(5);
        size.adjustedPopulation = rs.getBigDecimal(6);
        size.source = rs.getString(7);
        size.weightedSource = rs.getString(8);
        return size;
    }
}
