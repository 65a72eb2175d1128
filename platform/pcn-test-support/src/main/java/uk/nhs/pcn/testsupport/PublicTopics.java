package uk.nhs.pcn.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import uk.nhs.pcn.events.Topics;

/**
 * Declares the platform's public topics on a local or test broker as {@code deploy/} declares them in production:
 * every event kept for ever ({@code retention.ms=-1}), so a consumer started later builds its state from the first
 * event. Topics that already exist (an older local data directory) get the retention set on them.
 */
public final class PublicTopics {

    /** Enough partitions to show per-network ordering at work, few enough to start fast. */
    public static final int PARTITIONS = 3;

    public static final Map<String, String> CONFIG = Map.of(
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");

    private PublicTopics() {
    }

    public static void declare(Admin admin) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            List<ConfigResource> present = new ArrayList<>();
            for (String topic : Topics.PUBLIC) {
                if (existing.contains(topic)) {
                    present.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
                } else {
                    missing.add(new NewTopic(topic, PARTITIONS, (short) 1).configs(CONFIG));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            if (!present.isEmpty()) {
                Collection<AlterConfigOp> ops = CONFIG.entrySet().stream()
                        .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                        .toList();
                Map<ConfigResource, Collection<AlterConfigOp>> changes = new java.util.HashMap<>();
                present.forEach(r -> changes.put(r, ops));
                admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not declare the public topics: " + e.getCause().getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not declare the public topics", e);
        }
    }
}
