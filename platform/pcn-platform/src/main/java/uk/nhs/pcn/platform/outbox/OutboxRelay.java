package uk.nhs.pcn.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.common.annotation.Identifier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import uk.nhs.pcn.events.CloudEventHeaders;
import uk.nhs.pcn.events.EventSchemas;
import uk.nhs.pcn.platform.tracing.TraceContext;

/**
 * Publishes outbox rows to Kafka in sequence order, so events of one key keep the order they were committed in.
 * Runs on one thread per service instance; a PostgreSQL advisory lock makes one instance at a time the publisher
 * when several replicas run. A row is marked published only after the broker acknowledged it, so a broker outage
 * delays events but never loses them.
 * <p>
 * Each row is handed to the producer once. The idempotent producer does the retrying: through a broker that is
 * slow, paused or restarting it sends the same record again with the same sequence number, which the broker
 * writes only once, for up to {@code pcn.outbox.delivery-timeout} (10 minutes). Sending a row again as a new
 * record is what would write it twice, so the relay does that only for rows the producer never took (no topic
 * metadata yet, the broker down from the start) or gave up on after the delivery timeout. So an event is written
 * twice only when the relay stops between the broker's acknowledgement and the commit that marks the row (or an
 * outage outlasts the delivery timeout after a send reached the broker); the copy has the same {@code ce_id}, which
 * consumers drop.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant identifying the outbox relay's advisory lock within a service's database. */
    private static final long ADVISORY_LOCK_ID = 0x5043_4e5f_4f42L;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    @Inject
    Tracer tracer;

    /** Every {@code kafka.*} setting (bootstrap servers, SASL, TLS), as the service's other Kafka clients get them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "pcn.outbox.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "pcn.outbox.source")
    String source;

    @ConfigProperty(name = "pcn.outbox.poll-interval", defaultValue = "PT1S")
    Duration pollInterval;

    /**
     * How long the relay waits, once a commit woke it, before it reads the outbox: under load the commits of that
     * moment then go out as one batch (one transaction and one wait for the broker) instead of one batch each. Only
     * when its last round published more than one event, so a lone write's event is not delayed.
     */
    @ConfigProperty(name = "pcn.outbox.gather-delay", defaultValue = "PT0.02S")
    Duration gatherDelay;

    @ConfigProperty(name = "pcn.outbox.batch-size", defaultValue = "500")
    int batchSize;

    /**
     * How often the relay reads the whole outbox for unpublished rows rather than only those near the newest it
     * published: a row whose transaction took its sequence number early but committed late (a long import, say) is
     * published at the latest this long after its commit.
     */
    @ConfigProperty(name = "pcn.outbox.full-scan-every", defaultValue = "PT1S")
    Duration fullScanEvery;

    @ConfigProperty(name = "pcn.outbox.retention", defaultValue = "P7D")
    Duration retention;

    /** How long the producer keeps retrying a record before the relay hears it failed: longer than an outage. */
    @ConfigProperty(name = "pcn.outbox.delivery-timeout", defaultValue = "PT10M")
    Duration deliveryTimeout;

    /** How long the producer waits for one answer from the broker before it sends the same request again. */
    @ConfigProperty(name = "pcn.outbox.request-timeout", defaultValue = "PT30S")
    Duration requestTimeout;

    @Inject
    OutboxBacklog backlog;

    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private long lastCleanup;

    /**
     * The highest sequence number published so far. Each published row leaves an entry for its old version in the
     * index of unpublished rows until VACUUM removes it, and a read from the start of that index steps over all of
     * them: at thousands of events a second, reading from the start on every wake-up made the relay PostgreSQL's
     * largest cost (docs/benchmarks.md). So the relay reads from {@link #LOOK_BACK} below this mark, where the rows
     * of transactions that were running alongside the last batch are, and from the start only every
     * {@code pcn.outbox.full-scan-every}.
     */
    private long highestPublished;
    private int sentLastRound;
    private long lastFullScan;

    /** How far below the highest published sequence number a read starts: concurrent transactions' rows. */
    static final long LOOK_BACK = 1_000;

    void start(@Observes StartupEvent startup) {
        if (!enabled) {
            LOG.info("Outbox relay disabled (pcn.outbox.enabled=false)");
            return;
        }
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        Gauge.builder("pcn.outbox.published", published, AtomicLong::get)
                .description("Outbox events published since start").register(meters);
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            wakeUp.release();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        // Marks the commit in the writing request's trace; the publish spans follow from it.
        Span.current().addEvent("outbox committed");
        backlog.changed();
        wakeUp.release();
    }

    private Properties producerConfig() {
        Properties props = new Properties();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(ProducerConfig.CLIENT_ID_CONFIG, source.replaceAll("^/+", "").replace('/', '-') + "-outbox");
        // The broker writes a retried record once (same producer id and sequence number) and, with at most five
        // requests in flight per connection, in the order sent: per key, the order the rows were committed in.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(requestTimeout.toMillis()));
        // Retries stop only after this; it must cover an outage (Kafka requires it >= linger + request timeout).
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(Math.max(deliveryTimeout.toMillis(), requestTimeout.toMillis())));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // Without topic metadata (broker down from the start) a send fails after this, before the producer took
        // the record: the relay may then send the row again without writing it twice.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return props;
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                boolean woken = wakeUp.tryAcquire(backoff.isZero() ? pollInterval.toMillis() : backoff.toMillis(),
                        TimeUnit.MILLISECONDS);
                // Gather only under load (the last round published several events): a lone write goes out at once.
                if (woken && backoff.isZero() && !gatherDelay.isZero() && sentLastRound > 1) {
                    Thread.sleep(gatherDelay.toMillis());
                }
                wakeUp.drainPermits();
                if (!running) {
                    return;
                }
                int sent;
                int round = 0;
                do {
                    sent = publishBatch();
                    round += sent;
                } while (sent == batchSize && running);
                sentLastRound = round;
                backoff = Duration.ZERO;
                cleanUpPublished();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                backoff = backoff.isZero() ? Duration.ofMillis(500)
                        : backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                                : backoff.multipliedBy(2);
                LOG.warnf("Outbox relay could not publish (%s); retrying in %d ms", e.getMessage(),
                        backoff.toMillis());
            }
        }
    }

    /** Publishes up to one batch; returns how many rows it sent. */
    int publishBatch() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                long now = System.nanoTime();
                long from = 0;
                if (now - lastFullScan < fullScanEvery.toNanos()) {
                    from = Math.max(0, highestPublished - LOOK_BACK);
                } else {
                    lastFullScan = now;
                }
                List<Row> rows = unpublished(connection, from);
                List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
                List<Span> spans = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    Span span = publishSpan(row);
                    spans.add(span);
                    ProducerRecord<String, byte[]> record = row.toRecord(source);
                    TraceContext.inject(Context.root().with(span), record.headers());
                    Future<RecordMetadata> future = producer.send(record);
                    futures.add(future);
                    if (future.isDone() && failed(future)) {
                        break; // not taken (e.g. no metadata while the broker is down): send nothing after it
                    }
                }
                // Every row handed over is waited for, however long the producer retries it: a row acknowledged
                // but left unmarked would be sent again as a new record.
                List<Long> acknowledged = new ArrayList<>();
                Exception failure = null;
                for (int i = 0; i < futures.size(); i++) {
                    try {
                        futures.get(i).get();
                        acknowledged.add(rows.get(i).seq);
                    } catch (ExecutionException e) {
                        failure = failure == null ? e : failure;
                        spans.get(i).setStatus(StatusCode.ERROR, "not acknowledged by Kafka");
                    }
                }
                spans.forEach(Span::end);
                markPublished(connection, acknowledged);
                connection.commit();
                if (!acknowledged.isEmpty()) {
                    highestPublished = Math.max(highestPublished, acknowledged.get(acknowledged.size() - 1));
                }
                published.addAndGet(acknowledged.size());
                backlog.changed();
                if (failure != null) {
                    throw new IllegalStateException("Kafka did not acknowledge event: " + failure.getCause(), failure);
                }
                return rows.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The publish step of the writing request's trace (a root span for rows written outside a traced request). */
    private Span publishSpan(Row row) {
        return tracer.spanBuilder(row.topic + " publish")
                .setParent(TraceContext.fromTraceparent(row.traceparent))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", row.topic)
                .setAttribute("messaging.message.id", row.eventId)
                .setAttribute("messaging.kafka.message.key", row.key)
                .setAttribute("cloudevents.event_type", row.type)
                .startSpan();
    }

    private static boolean failed(Future<?> future) {
        try {
            future.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Takes the relay's lock for this transaction (one relay publishes at a time, whatever the replicas) and has
     * PostgreSQL plan this transaction's statements for their parameters. The driver prepares a statement run
     * often, and PostgreSQL then reuses one generic plan: one made while the outbox was nearly empty (a fresh
     * database, before any ANALYZE) reads the whole table to mark a batch published, which at thousands of events a
     * second made the relay's update PostgreSQL's largest cost (docs/benchmarks.md).
     */
    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_try_advisory_xact_lock(?), set_config('plan_cache_mode', 'force_custom_plan', true)")) {
            lock.setLong(1, ADVISORY_LOCK_ID);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Unpublished rows with a sequence number above {@code from}, in order. */
    private List<Row> unpublished(Connection connection, long from) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT seq, event_id, topic, record_key, event_type, subject, correlation_id, occurred_at, payload,
                       traceparent
                FROM outbox_event WHERE published_at IS NULL AND seq > ? ORDER BY seq LIMIT ?""")) {
            select.setLong(1, from);
            select.setInt(2, batchSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, java.time.OffsetDateTime.class), rs.getString(9), rs.getString(10)));
                }
            }
        }
        return rows;
    }

    private void markPublished(Connection connection, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox_event SET published_at = now() WHERE seq = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", seqs.toArray());
            update.setArray(1, array);
            update.executeUpdate();
        }
    }

    private void cleanUpPublished() throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastCleanup < Duration.ofHours(1).toMillis()) {
            return;
        }
        lastCleanup = now;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM outbox_event WHERE published_at < now() - make_interval(secs => ?)")) {
            delete.setLong(1, retention.toSeconds());
            int deleted = delete.executeUpdate();
            if (deleted > 0) {
                LOG.debugf("Removed %d published outbox events older than %s", deleted, retention);
            }
        }
    }

    private record Row(long seq, String eventId, String topic, String key, String type, String subject,
            String correlationId, java.time.OffsetDateTime occurredAt, String payload, String traceparent) {

        ProducerRecord<String, byte[]> toRecord(String source) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
            headers.add(CloudEventHeaders.ID, bytes(eventId));
            headers.add(CloudEventHeaders.TYPE, bytes(type));
            headers.add(CloudEventHeaders.SOURCE, bytes(source));
            headers.add(CloudEventHeaders.SUBJECT, bytes(subject));
            headers.add(CloudEventHeaders.TIME, bytes(CloudEventHeaders.time(occurredAt)));
            headers.add(CloudEventHeaders.DATA_SCHEMA, bytes(EventSchemas.id(type).toString()));
            headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
            if (correlationId != null) {
                headers.add(CloudEventHeaders.CORRELATION_ID, bytes(correlationId));
            }
            return new ProducerRecord<>(topic, null, key, payload.getBytes(StandardCharsets.UTF_8), headers);
        }

        private static byte[] bytes(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }
}
