package uk.nhs.pcn.funding.events;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.pcn.events.PcnEvent;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.platform.outbox.Outbox;

/** Writes funding events to the outbox, keyed by the network's ODS code so a network's events stay ordered. */
@ApplicationScoped
public class FundingEvents {

    @Inject
    Outbox outbox;

    public void publish(String networkCode, PcnEvent event) {
        outbox.add(new Outbox.Pending(Topics.FUNDING, networkCode, event, null));
    }

    /** Events of many networks, in order, with one batched insert. */
    public void publishAll(List<Keyed> events) {
        outbox.addAll(events.stream().map(e -> new Outbox.Pending(Topics.FUNDING, e.networkCode(), e.event(), null))
                .toList());
    }

    /** An event and the network it is keyed by. */
    public record Keyed(String networkCode, PcnEvent event) {
    }
}
