package uk.nhs.pcn.portal.live;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/** What changed, as the topics tell it: network X's panel Y. Open pages subscribe to their network's changes. */
@ApplicationScoped
public class Changes {

    /** A change: the network (the record key, its ODS code) and the panel (the publishing service). */
    public record Change(String network, String panel) {
    }

    private final BroadcastProcessor<Change> processor = BroadcastProcessor.create();

    public void publish(Change change) {
        processor.onNext(change);
    }

    public Multi<String> forNetwork(String network) {
        return processor.filter(c -> network.equals(c.network())).map(Change::panel);
    }

    /** Every change as it comes. */
    public Multi<Change> changes() {
        return processor;
    }

    /** Every change, as "NETWORK panel": for pages that show many networks. */
    public Multi<String> all() {
        return processor.map(c -> c.network() + " " + c.panel());
    }
}
