package uk.nhs.pcn.portal.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import uk.nhs.pcn.portal.services.PlatformApi;

/**
 * Reads the four public topics only to know what changed: the record key is the network's ODS code, the topic names
 * the panel. The body is never read (so nothing of it can reach a log or a page). Each portal instance has its own
 * consumer group ({@code pcn-portal-<instance>}) starting at the latest offset, so every instance sees every event.
 */
@ApplicationScoped
public class TopicListener {

    @Inject
    Changes changes;

    @Incoming("registry")
    public void registry(ConsumerRecord<String, byte[]> record) {
        announce(record, PlatformApi.REGISTRY);
    }

    @Incoming("workforce")
    public void workforce(ConsumerRecord<String, byte[]> record) {
        announce(record, PlatformApi.WORKFORCE);
    }

    @Incoming("referral")
    public void referral(ConsumerRecord<String, byte[]> record) {
        announce(record, PlatformApi.REFERRAL);
    }

    @Incoming("funding")
    public void funding(ConsumerRecord<String, byte[]> record) {
        announce(record, PlatformApi.FUNDING);
    }

    private void announce(ConsumerRecord<String, byte[]> record, PlatformApi api) {
        if (record.key() != null) {
            changes.publish(new Changes.Change(record.key(), api.panel()));
        }
    }
}
