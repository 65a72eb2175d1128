package uk.nhs.pcn.registry.practice;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import uk.nhs.pcn.platform.batching.GroupCommit;
import uk.nhs.pcn.platform.batching.GroupCommit.Outcome;
import uk.nhs.pcn.platform.outbox.Outbox;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.tracing.TraceContext;
import uk.nhs.pcn.registry.events.RegistryEvents;

/**
 * Records practices' populations as at a date (replacing a figure already held for that date) and publishes
 * ListSizeRecorded, unless the same figures were already held.
 * <p>
 * The API's hot write path (a national list-size feed posts thousands), so its writes share transactions
 * ({@link GroupCommit}; each request is still answered only once its write has committed) and run as plain
 * statements instead of loading entities that Hibernate would dirty-check and flush (docs/benchmarks.md). Per
 * transaction, four round trips to PostgreSQL whatever the number of writes: lock the practices named (as every
 * membership change does); upsert the figures of all the writes (changing a row only when they differ), reading
 * back each one's row and network; insert the events into the outbox; commit. An unknown practice refuses only its
 * own write (404).
 */
@ApplicationScoped
public class ListSizeRecording {

    /** One request's figures. */
    record Write(String practiceCode, LocalDate asAt, int registeredPatients, BigDecimal weightedPopulation,
            BigDecimal adjustedPopulation, String source, String traceparent) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Outbox outbox;

    private GroupCommit<Write, ListSize> commits;

    void start(@Observes StartupEvent startup) {
        // Writers, batch size, linger and queue: pcn.group-commit.list-size.* (application.properties).
        commits = GroupCommit.configured("list-size", dataSource, this::apply);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        commits.close();
    }

    /**
     * Records the figures; the answer completes once they are committed: the list size now held for the date, or
     * a 404 problem for an unknown practice.
     */
    public CompletionStage<ListSize> record(String practiceCode, LocalDate asAt, int registered, BigDecimal weighted,
            BigDecimal adjusted, String source) {
        return commits.submit(new Write(practiceCode, asAt, registered, weighted, adjusted, source,
                TraceContext.currentTraceparent()));
    }

    /** What the database answered for one write: the row now held, the practice's network, whether it changed. */
    private record Stored(ListSize held, String network, boolean changed) {
    }

    List<Outcome<ListSize>> apply(Connection connection, List<Write> writes) throws SQLException {
        int n = writes.size();
        Stored[] stored = new Stored[n]; // none for an unknown practice
        lockPractices(connection, writes);
        for (List<Integer> round : rounds(writes)) {
            record(connection, writes, round, stored);
        }
        List<Outcome<ListSize>> outcomes = new ArrayList<>(n);
        List<Outbox.Pending> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (stored[i] == null) {
                outcomes.add(Outcome.refused(ProblemException.notFound("Practice", writes.get(i).practiceCode())));
                continue;
            }
            outcomes.add(Outcome.done(stored[i].held()));
            if (stored[i].changed()) {
                events.add(RegistryEvents.listSizeRecorded(stored[i].held(), stored[i].network(), null)
                        .tracedTo(writes.get(i).traceparent()));
            }
        }
        outbox.addAll(connection, events);
        return outcomes;
    }

    /**
     * The writes as rounds in which each practice and date appears once (one upsert cannot change a row twice):
     * the first write for each practice and date in the first round, a second one in the next, so that writes for
     * the same figure are applied in the order they arrived.
     */
    private static List<List<Integer>> rounds(List<Write> writes) {
        List<List<Integer>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            Write w = writes.get(i);
            int round = seen.merge(w.practiceCode() + "|" + w.asAt(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        return rounds;
    }

    /**
     * Locks the practices the writes name, in code order (so two transactions cannot deadlock), as every membership
     * change does: the network named in an event is the one of the moment.
     */
    private static void lockPractices(Connection connection, List<Write> writes) throws SQLException {
        // Sent together with the upsert as one round trip (two statements in one call) the transaction took as long
        // and cost PostgreSQL a third more CPU per write: the driver then has the pair parsed and planned each time.
        Array codes = connection.createArrayOf("varchar", writes.stream().map(Write::practiceCode).distinct().toArray());
        try (PreparedStatement lock = connection.prepareStatement(LOCK_PRACTICES)) {
            lock.setArray(1, codes);
            lock.execute();
        } finally {
            codes.free();
        }
    }

    /** Stores a round of writes and reads back, for each, its row and network (none for an unknown practice). */
    private static void record(Connection connection, List<Write> writes, List<Integer> round, Stored[] stored)
            throws SQLException {
        int n = round.size();
        String[][] columns = new String[7][n];
        for (int k = 0; k < n; k++) {
            Write w = writes.get(round.get(k));
            columns[0][k] = w.practiceCode();
            columns[1][k] = w.asAt().toString();
            columns[2][k] = Integer.toString(w.registeredPatients());
            columns[3][k] = w.weightedPopulation() == null ? null : w.weightedPopulation().toPlainString();
            columns[4][k] = w.adjustedPopulation() == null ? null : w.adjustedPopulation().toPlainString();
            columns[5][k] = w.source();
            columns[6][k] = w.weightedPopulation() == null ? null : w.source();
        }
        List<Array> arrays = new ArrayList<>(columns.length);
        try (PreparedStatement record = connection.prepareStatement(RECORD)) {
            for (int c = 0; c < columns.length; c++) {
                Array array = connection.createArrayOf("text", columns[c]);
                arrays.add(array);
                record.setArray(c + 1, array);
            }
            try (ResultSet rs = record.executeQuery()) {
                while (rs.next()) {
                    int i = round.get(rs.getInt(1) - 1);
                    if (rs.getBoolean(2)) {
                        stored[i] = new Stored(listSize(rs), rs.getString(4), rs.getBoolean(3));
                    }
                }
            }
        } finally {
            for (Array array : arrays) {
                array.free();
            }
        }
    }

    private static final String LOCK_PRACTICES =
            "SELECT code FROM practice WHERE code = ANY (?) ORDER BY code FOR UPDATE";

    /**
     * Upserts a round of writes (parallel text arrays) for known practices and answers, for each write in order:
     * its position, whether its practice is known, whether it changed the row, the practice's network on the date,
     * and the row now held. An upsert changes a row only when the figures differ; a row it left alone is read as
     * the statement found it. Every read of a table is a lookup by key for one write (no join the planner could
     * turn into a scan of a table that was small when the plan was made). The ids come from the sequence Hibernate
     * allocates from in blocks of 50.
     */
    private static final String RECORD = """
            WITH incoming AS (
                SELECT w.*, EXISTS (SELECT 1 FROM practice p WHERE p.code = w.practice_code) AS known
                FROM unnest(?::text[], ?::text[]::date[], ?::text[]::integer[], ?::text[]::numeric[],
                            ?::text[]::numeric[], ?::text[], ?::text[])
                    WITH ORDINALITY AS w(practice_code, as_at, registered_patients, weighted_population,
                                         adjusted_population, source, weighted_source, arrival)),
            changed AS (
                INSERT INTO list_size AS s (id, practice_code, as_at, registered_patients, weighted_population,
                                            adjusted_population, source, weighted_source)
                SELECT nextval('list_size_seq'), practice_code, as_at, registered_patients, weighted_population,
                       adjusted_population, source, weighted_source
                FROM incoming WHERE known ORDER BY arrival
                ON CONFLICT (practice_code, as_at) DO UPDATE
                    SET registered_patients = EXCLUDED.registered_patients,
                        weighted_population = EXCLUDED.weighted_population,
                        adjusted_population = EXCLUDED.adjusted_population,
                        source = EXCLUDED.source,
                        weighted_source = EXCLUDED.weighted_source
                    WHERE (s.registered_patients, s.weighted_population, s.adjusted_population)
                          IS DISTINCT FROM (EXCLUDED.registered_patients, EXCLUDED.weighted_population,
                                            EXCLUDED.adjusted_population)
                RETURNING s)
            SELECT w.arrival, w.known, (c.s).id IS NOT NULL,
                   (SELECT m.network_code FROM membership m
                    WHERE m.practice_code = w.practice_code
                      AND daterange(m.start_date, m.end_date, '[]') @> w.as_at LIMIT 1),
                   (r.held).id, (r.held).practice_code, (r.held).as_at, (r.held).registered_patients,
                   (r.held).weighted_population, (r.held).adjusted_population, (r.held).source,
                   (r.held).weighted_source
            FROM incoming w
            LEFT JOIN changed c ON (c.s).practice_code = w.practice_code AND (c.s).as_at = w.as_at
            CROSS JOIN LATERAL (
                SELECT coalesce(c.s, (SELECT h FROM list_size h
                                      WHERE h.practice_code = w.practice_code AND h.as_at = w.as_at)) AS held
                OFFSET 0) r
            ORDER BY w.arrival""";

    /** The list size in the columns after the write's position, whether it is known and changed, the network. */
    private static ListSize listSize(ResultSet rs) throws SQLException {
        ListSize size = new ListSize();
        size.id = rs.getLong(5);
        size.practiceCode = rs.getString(6);
        size.asAt = rs.getObject(7, LocalDate.class);
        size.registeredPatients = rs.getInt(8);
        size.weightedPopulation = rs.getBigDecimal(9);
        size.adjustedPopulation = rs.getBigDecimal(10);
        size.source = rs.getString(11);
        size.weightedSource = rs.getString(12);
        return size;
    }
}
