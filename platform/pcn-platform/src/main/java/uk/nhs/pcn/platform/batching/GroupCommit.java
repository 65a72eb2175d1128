package uk.nhs.pcn.platform.batching;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * Group commit for a hot write path: many requests' small writes share one transaction. A request queues its write
 * and is answered when the transaction holding it has committed, so an acknowledged write is as durable as one
 * committed alone; a writer thread takes what has queued (up to {@code maxBatch}), applies the writes in the
 * order they arrived on one connection, commits once and answers each. A few writers (each its own connection)
 * keep PostgreSQL busy while one of them waits for its commit; writes taken by different writers are concurrent,
 * as the requests that sent them were, so the batch must lock what two writes to the same thing would race for. Under load a commit, its WAL flush and the
 * transaction manager's work are shared by many writes, and no request holds a worker thread while it waits.
 * <p>
 * A write the batch refuses ({@link Outcome#refused}: e.g. an unknown practice) is answered with that problem and
 * does not affect the others, so the batch must refuse a write before changing anything for it. A failure of the
 * transaction itself (an SQL error, a lost connection) rolls the batch back and each of its writes is tried again
 * in a transaction of its own, so one bad write never fails another: the writes that fail alone are answered with
 * their failure (the usual problem mapping turns a lost database into a 503).
 * <p>
 * Writes are answered on the Vert.x context they were submitted from (the request's event loop), so building the
 * responses does not queue behind the writer.
 *
 * @param <W> a write, as the request asked for it
 * @param <R> what the write's request is answered with
 */
public final class GroupCommit<W, R> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** The writes of one transaction, applied in order on its connection: one outcome per write, in order. */
    @FunctionalInterface
    public interface Batch<W, R> {
        List<Outcome<R>> apply(Connection connection, List<W> writes) throws SQLException;
    }

    /** A write's outcome: its result, or the problem it was refused with (having changed nothing). */
    public record Outcome<R>(R result, ProblemException refusal) {

        public static <R> Outcome<R> done(R result) {
            return new Outcome<>(result, null);
        }

        public static <R> Outcome<R> refused(ProblemException refusal) {
            return new Outcome<>(null, refusal);
        }
    }

    private record Queued<W, R>(W write, CompletableFuture<R> answer, Context context) {
    }

    private final String name;
    private final DataSource dataSource;
    private final int maxBatch;
    private final long lingerNanos;
    private final Batch<W, R> batch;
    private final BlockingQueue<Queued<W, R>> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean accepting = true;

    /**
     * @param name names the writer threads ({@code group-commit-<name>-<n>}) and its log lines
     * @param dataSource the service's transactional datasource: the connection is enlisted in each transaction
     * @param writers how many transactions may be open at once (threads, each with a connection while it writes)
     * @param maxBatch the most writes in one transaction
     * @param linger how long a writer that has taken one write waits for others to join it (unless a full batch
     *        is already waiting): a fraction of a millisecond makes batches larger, and each write's share of a
     *        transaction smaller, under load
     * @param maxQueued the most writes waiting; more are refused with 503 (and Retry-After, as every 503 problem)
     */
    public GroupCommit(String name, DataSource dataSource, int writers, int maxBatch, Duration linger, int maxQueued,
            Batch<W, R> batch) {
        if (writers < 1 || maxBatch < 1 || maxQueued < maxBatch) {
            throw new IllegalArgumentException("writers and maxBatch must be at least 1, maxQueued at least maxBatch");
        }
        this.name = name;
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.batch = batch;
        this.queue = new ArrayBlockingQueue<>(maxQueued);
        for (int i = 1; i <= writers; i++) {
            Thread writer = new Thread(this::run, "group-commit-" + name + "-" + i);
            writer.setDaemon(true);
            writer.start();
            this.writers.add(writer);
        }
    }

    /**
     * A group commit set from configuration, so that every use is tuned the same way: {@code
     * pcn.group-commit.<name>.writers} (default 2), {@code .max-batch} (64), {@code .linger} (none) and {@code
     * .max-queued} (2,000).
     */
    public static <W, R> GroupCommit<W, R> configured(String name, DataSource dataSource, Batch<W, R> batch) {
        Config config = ConfigProvider.getConfig();
        String prefix = "pcn.group-commit." + name + ".";
        return new GroupCommit<>(name, dataSource,
                config.getOptionalValue(prefix + "writers", Integer.class).orElse(2),
                config.getOptionalValue(prefix + "max-batch", Integer.class).orElse(64),
                config.getOptionalValue(prefix + "linger", Duration.class).orElse(Duration.ZERO),
                config.getOptionalValue(prefix + "max-queued", Integer.class).orElse(2_000), batch);
    }

    /** Queues a write; the answer completes once the transaction holding it has committed (or it failed). */
    public CompletionStage<R> submit(W write) {
        CompletableFuture<R> answer = new CompletableFuture<>();
        if (!accepting) {
            answer.completeExceptionally(unavailable("is stopping"));
        } else if (!queue.offer(new Queued<>(write, answer, Vertx.currentContext()))) {
            answer.completeExceptionally(unavailable("has too many writes waiting"));
        }
        return answer;
    }

    /** Stops taking writes and answers those already queued before returning (waiting at most 30 s). */
    @Override
    public void close() {
        accepting = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            for (Thread writer : writers) {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Queued<W, R>> taken = new ArrayList<>(maxBatch);
        while (accepting || !queue.isEmpty()) {
            try {
                Queued<W, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                if (lingerNanos > 0 && queue.size() < maxBatch - 1) {
                    LockSupport.parkNanos(lingerNanos); // let the writes of the same moment join this batch
                }
                queue.drainTo(taken, maxBatch - 1);
                commit(taken);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) { // never let the writer die with requests waiting
                LOG.errorf("Group commit %s: unexpected %s", name, e.getClass().getName());
                taken.forEach(q -> answer(q, null, e));
            } finally {
                taken.clear();
            }
        }
        Queued<W, R> left;
        while ((left = queue.poll()) != null) {
            answer(left, null, unavailable("is stopping"));
        }
    }

    private void commit(List<Queued<W, R>> taken) {
        List<Outcome<R>> outcomes;
        try {
            List<W> writes = new ArrayList<>(taken.size());
            taken.forEach(q -> writes.add(q.write()));
            outcomes = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    List<Outcome<R>> applied = batch.apply(connection, writes);
                    if (applied.size() != writes.size()) {
                        throw new IllegalStateException("Group commit " + name + ": " + applied.size()
                                + " outcomes for " + writes.size() + " writes");
                    }
                    return applied;
                }
            });
        } catch (RuntimeException e) {
            if (taken.size() > 1) {
                // One write's failure must not fail the others: each again, in a transaction of its own.
                for (Queued<W, R> q : taken) {
                    commit(List.of(q));
                }
            } else {
                answer(taken.get(0), null, e);
            }
            return;
        }
        for (int i = 0; i < taken.size(); i++) {
            Outcome<R> outcome = outcomes.get(i);
            answer(taken.get(i), outcome.result(), outcome.refusal());
        }
    }

    private void answer(Queued<W, R> q, R result, Throwable failure) {
        Runnable complete = failure == null ? () -> q.answer().complete(result)
                : () -> q.answer().completeExceptionally(failure);
        if (q.context() != null) {
            q.context().runOnContext(ignored -> complete.run());
        } else {
            complete.run();
        }
    }

    private ProblemException unavailable(String why) {
        return new ProblemException(503, "busy", "Service busy",
                "The service " + why + "; retry shortly. Nothing was changed.", List.of());
    }
}
