package uk.nhs.pcn.local;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import uk.nhs.pcn.events.CloudEventHeaders;
import uk.nhs.pcn.events.Topics;

/**
 * What the chaos run checks once the platform has drained: acknowledged writes in their databases, each outbox row
 * on its topic (and how many times), read models equal to what fresh consumers build from the topics, and no effect
 * applied twice. Each check adds findings (problems) and figures (for docs/reliability.md); it never prints a
 * person's details.
 */
final class ChaosChecks {

    /** The consumers and the topics they read. */
    static final Map<String, List<String>> CONSUMED = Map.of(
            "workforce-service", List.of(Topics.REGISTRY),
            "funding-service", List.of(Topics.REGISTRY, Topics.WORKFORCE),
            "referral-service", List.of(Topics.REGISTRY, Topics.WORKFORCE));

    /**
     * The tables each consumer builds from the topics alone, as a query giving one comparable text per row (columns
     * the service's own API also writes are left out: link_worker.threshold_reached follows the caseload).
     */
    static final Map<String, List<String>> CONSUMER_BUILT = Map.of(
            "workforce-service", List.of(
                    "SELECT row_to_json(t)::text FROM known_network t",
                    "SELECT row_to_json(t)::text FROM known_membership t",
                    "SELECT row_to_json(t)::text FROM known_list_size t"),
            "funding-service", List.of(
                    "SELECT row_to_json(t)::text FROM known_network t",
                    "SELECT row_to_json(t)::text FROM known_membership t",
                    "SELECT row_to_json(t)::text FROM known_list_size t",
                    "SELECT row_to_json(t)::text FROM arrs_claim t"),
            "referral-service", List.of(
                    "SELECT row_to_json(t)::text FROM known_network t",
                    "SELECT row_to_json(t)::text FROM known_membership t",
                    "SELECT row_to_json(t)::text FROM known_list_size t",
                    "SELECT json_build_array(appointment_id, network_code, staff_reference, wte, start_date, "
                            + "end_date)::text FROM link_worker"));

    final List<String> problems = new ArrayList<>();
    final Map<String, Object> figures = new java.util.LinkedHashMap<>();
    private final ChaosPlatform platform;

    ChaosChecks(ChaosPlatform platform) {
        this.platform = platform;
    }

    // ---- draining --------------------------------------------------------------------------------------------------

    /** Waits until every outbox is published and every consumer group has read to the end; returns how long. */
    Duration awaitDrained(Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = undrained(platform.services, "");
            if (last.isEmpty()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("Not drained after " + timeout + ": " + last);
    }

    /** Waits until the fresh consumers have read every topic they consume to the end. */
    Duration awaitFreshConsumersCaughtUp(Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = lag(platform.fresh.keySet(), "-fresh-" + platform.run);
            if (last.isEmpty()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("Fresh consumers not caught up after " + timeout + ": " + last);
    }

    private String undrained(Map<String, ChaosPlatform.Running> services, String groupSuffix) throws Exception {
        StringBuilder why = new StringBuilder();
        for (ChaosPlatform.Running r : services.values()) {
            try (Connection c = platform.connect(r); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    why.append(r.service().name()).append(" outbox ").append(rs.getLong(1)).append(" unpublished; ");
                }
            } catch (SQLException e) {
                why.append(r.service().name()).append(" database: ").append(e.getMessage()).append("; ");
            }
        }
        why.append(lag(CONSUMED.keySet(), groupSuffix));
        return why.toString();
    }

    /** "" when each consumer's group has committed offsets at the end of every partition it reads. */
    private String lag(Set<String> consumers, String groupSuffix) throws Exception {
        StringBuilder why = new StringBuilder();
        try (Admin admin = admin()) {
            for (String consumer : consumers) {
                String group = consumer + groupSuffix;
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, Long> ends = endOffsets(admin, CONSUMED.get(consumer));
                long lag = 0;
                for (var e : ends.entrySet()) {
                    OffsetAndMetadata at = committed.get(e.getKey());
                    lag += e.getValue() - (at == null ? 0 : at.offset());
                }
                if (lag > 0) {
                    why.append(group).append(" lag ").append(lag).append("; ");
                }
            }
        }
        return why.toString();
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        var descriptions = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        descriptions.forEach((topic, d) -> d.partitions().forEach(p -> request.put(new TopicPartition(topic,
                p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(request).all()
                .get(10, TimeUnit.SECONDS).entrySet()) {
            ends.put(e.getKey(), e.getValue().offset());
        }
        return ends;
    }

    // ---- acknowledged writes -------------------------------------------------------------------------------------

    void acknowledgedWritesArePresent(List<ChaosLoad.Write> writes) throws SQLException {
        Set<String> practices = column("registry-service", "SELECT code FROM practice");
        Set<String> networks = column("registry-service", "SELECT code FROM network");
        Set<String> memberships = column("registry-service",
                "SELECT practice_code || '/' || network_code || '/' || start_date FROM membership");
        Set<String> listSizes = column("registry-service",
                "SELECT practice_code || '/' || as_at || '/' || registered_patients FROM list_size");
        Map<String, Integer> staff = counts("workforce-service",
                "SELECT staff_reference, count(*) FROM appointment GROUP BY staff_reference");
        Set<String> beds = column("funding-service",
                "SELECT network_code || '/' || effective_from || '/' || beds FROM care_home_beds");
        Map<String, Integer> referrals = counts("referral-service",
                "SELECT nhs_number, count(*) FROM referral GROUP BY nhs_number");
        int missing = 0;
        int unknownApplied = 0;
        int unknownNotApplied = 0;
        for (ChaosLoad.Write w : writes) {
            Map<String, String> k = w.key;
            boolean present = switch (w.kind) {
                case REGISTER_PRACTICE -> practices.contains(k.get("code"));
                case REGISTER_NETWORK -> networks.contains(k.get("code"));
                case JOIN_NETWORK -> memberships.contains(k.get("practice") + "/" + k.get("network") + "/"
                        + k.get("from"));
                case RECORD_LIST_SIZE -> listSizes.contains(k.get("practice") + "/" + k.get("asAt") + "/"
                        + k.get("registered"));
                case APPOINT_STAFF -> staff.getOrDefault(k.get("staffReference"), 0) > 0;
                case ALIGN_BEDS -> beds.contains(k.get("network") + "/" + k.get("from") + "/" + k.get("beds"));
                case REFER -> referrals.getOrDefault(k.get("nhsNumber"), 0) > 0;
            };
            if (w.acknowledged() && !present) {
                missing++;
                // The key values of a referral include an NHS number: name the write by its index only.
                problems.add("acknowledged write #" + w.index + " " + w.kind + " is not in its database"
                        + (w.kind == ChaosLoad.Kind.REFER ? "" : " " + k));
            }
            if (w.outcome == ChaosLoad.Outcome.UNKNOWN || w.outcome == ChaosLoad.Outcome.GAVE_UP) {
                if (present) {
                    unknownApplied++;
                } else {
                    unknownNotApplied++;
                }
            }
        }
        figures.put("acknowledged writes missing from their database", missing);
        figures.put("writes with a lost answer, not re-sent or given up: applied / not applied",
                unknownApplied + " / " + unknownNotApplied);
        long doubleStaff = staff.values().stream().filter(n -> n > 1).count();
        long doubleReferrals = referrals.values().stream().filter(n -> n > 1).count();
        figures.put("writes applied twice (staff appointed twice, a person referred twice)",
                doubleStaff + doubleReferrals);
        if (doubleStaff + doubleReferrals > 0) {
            problems.add(doubleStaff + " staff references appointed more than once, " + doubleReferrals
                    + " people referred more than once");
        }
    }

    // ---- outbox and topics ---------------------------------------------------------------------------------------

    /** ce_id -> number of records with it, per topic, read from the first record. */
    Map<String, Map<String, Integer>> readTopics() throws Exception {
        Map<String, Map<String, Integer>> byTopic = new HashMap<>();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (Admin admin = admin(); KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> ends = endOffsets(admin, Topics.PUBLIC);
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read the topics to their end");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Header id = r.headers().lastHeader(CloudEventHeaders.ID);
                    String ceId = id == null ? "(no ce_id)" : new String(id.value(), StandardCharsets.UTF_8);
                    byTopic.computeIfAbsent(r.topic(), t -> new HashMap<>()).merge(ceId, 1, Integer::sum);
                }
            }
            Set<String> dlq = new TreeSet<>(admin.listTopics().names().get(10, TimeUnit.SECONDS));
            dlq.removeIf(t -> !t.contains(".dlq."));
            long deadLetters = 0;
            if (!dlq.isEmpty()) {
                for (long end : endOffsets(admin, List.copyOf(dlq)).values()) {
                    deadLetters += end;
                }
            }
            figures.put("records on dead-letter topics", deadLetters);
            if (deadLetters > 0) {
                problems.add(deadLetters + " records on dead-letter topics " + dlq);
            }
        }
        return byTopic;
    }

    void everyOutboxRowIsOnItsTopicOnce(Map<String, Map<String, Integer>> topics) throws SQLException {
        long rows = 0;
        long missing = 0;
        long duplicated = 0;
        long extraCopies = 0;
        Set<String> outboxIds = new HashSet<>();
        Map<String, Long> duplicatedBy = new java.util.TreeMap<>();
        for (ChaosPlatform.Running r : platform.services.values()) {
            try (Connection c = platform.connect(r); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT event_id::text, topic, published_at IS NOT NULL "
                            + "FROM outbox_event")) {
                while (rs.next()) {
                    rows++;
                    String id = rs.getString(1);
                    outboxIds.add(id);
                    int copies = topics.getOrDefault(rs.getString(2), Map.of()).getOrDefault(id, 0);
                    if (copies == 0) {
                        missing++;
                        if (missing <= 10) {
                            problems.add(r.service().name() + " outbox event " + id + " (published "
                                    + rs.getBoolean(3) + ") is not on " + rs.getString(2));
                        }
                    } else if (copies > 1) {
                        duplicated++;
                        duplicatedBy.merge(r.service().name(), 1L, Long::sum);
                        extraCopies += copies - 1;
                    }
                }
            }
        }
        long records = topics.values().stream().flatMap(m -> m.values().stream()).mapToLong(Integer::longValue).sum();
        long foreign = topics.values().stream().flatMap(m -> m.keySet().stream()).filter(id -> !outboxIds
                .contains(id)).count();
        figures.put("outbox rows (events written)", rows);
        figures.put("records on the topics", records);
        figures.put("outbox rows missing from their topic", missing);
        figures.put("events on a topic more than once (same ce_id) / extra copies", duplicated + " / " + extraCopies);
        figures.put("  events on a topic more than once, by publishing service", duplicatedBy);
        figures.put("records whose ce_id is in no outbox", foreign);
        if (missing > 10) {
            problems.add(missing + " outbox rows in all are missing from their topics");
        }
        if (foreign > 0) {
            problems.add(foreign + " records on the topics have an id no outbox holds");
        }
    }

    // ---- read models ------------------------------------------------------------------------------------------------

    /** Each consumer's read model, and its processed-event ids, equal the fresh consumer's. */
    void readModelsEqualFreshConsumers(Map<String, Map<String, Integer>> topics) throws SQLException {
        for (String consumer : platform.fresh.keySet()) {
            ChaosPlatform.Running original = platform.services.get(consumer);
            ChaosPlatform.Running fresh = platform.fresh.get(consumer);
            int rows = 0;
            for (String query : CONSUMER_BUILT.get(consumer)) {
                Set<String> a = rows(original, query);
                Set<String> b = rows(fresh, query);
                rows += a.size();
                if (!a.equals(b)) {
                    Set<String> onlyA = new TreeSet<>(a);
                    onlyA.removeAll(b);
                    Set<String> onlyB = new TreeSet<>(b);
                    onlyB.removeAll(a);
                    problems.add(consumer + ": '" + query + "' differs from the fresh consumer's: "
                            + onlyA.size() + " rows only in the service's (e.g. " + first(onlyA) + "), "
                            + onlyB.size() + " only in the fresh one's (e.g. " + first(onlyB) + ")");
                }
            }
            figures.put(consumer + " read-model rows compared with a fresh consumer's", rows);
            Set<String> processed = rows(original, "SELECT event_id FROM processed_event");
            Set<String> freshProcessed = rows(fresh, "SELECT event_id FROM processed_event");
            Set<String> onTopics = new HashSet<>();
            long deliveredRecords = 0;
            for (String topic : CONSUMED.get(consumer)) {
                onTopics.addAll(topics.getOrDefault(topic, Map.of()).keySet());
                deliveredRecords += topics.getOrDefault(topic, Map.of()).values().stream()
                        .mapToLong(Integer::longValue).sum();
            }
            figures.put(consumer + " events applied (processed ids) / distinct events on its topics / records",
                    processed.size() + " / " + onTopics.size() + " / " + deliveredRecords);
            if (!processed.equals(onTopics)) {
                Set<String> notApplied = new HashSet<>(onTopics);
                notApplied.removeAll(processed);
                problems.add(consumer + " applied " + processed.size() + " events of the " + onTopics.size()
                        + " on its topics (" + notApplied.size() + " not applied)");
            }
            if (!processed.equals(freshProcessed)) {
                problems.add(consumer + "'s processed events differ from the fresh consumer's ("
                        + processed.size() + " vs " + freshProcessed.size() + ")");
            }
        }
    }

    private static String first(Set<String> rows) {
        return rows.isEmpty() ? "-" : rows.iterator().next();
    }

    private Set<String> rows(ChaosPlatform.Running r, String query) throws SQLException {
        Set<String> rows = new HashSet<>();
        try (Connection c = platform.connect(r); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private Set<String> column(String service, String query) throws SQLException {
        return rows(platform.services.get(service), query);
    }

    private Map<String, Integer> counts(String service, String query) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = platform.connect(platform.services.get(service)); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }
}
