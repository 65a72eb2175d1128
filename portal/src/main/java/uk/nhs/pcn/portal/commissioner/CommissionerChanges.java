package uk.nhs.pcn.portal.commissioner;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import uk.nhs.pcn.portal.live.Changes.Change;
import uk.nhs.pcn.portal.services.PlatformApi;

/**
 * The changes a commissioner's page refreshes for: those of the commissioner's own networks. The networks are those
 * the registry listed when the page opened; a registry change of another network (one just registered, or moved to
 * this commissioner) asks the registry whether it is now this commissioner's, and from then on counts it too. A
 * network that leaves the commissioner still refreshes the page once (its registry change), so it disappears.
 */
public final class CommissionerChanges {

    private final Set<String> networks = ConcurrentHashMap.newKeySet();
    private final Function<String, CompletionStage<Boolean>> isOurs;

    /**
     * @param networks the commissioner's networks when the page opened
     * @param isOurs whether a network is the commissioner's now (the registry, asked with the user's token)
     */
    public CommissionerChanges(Collection<String> networks, Function<String, CompletionStage<Boolean>> isOurs) {
        this.networks.addAll(networks);
        this.isOurs = isOurs;
    }

    /** The changes of the commissioner's networks, as "NETWORK panel" lines for the page's script. */
    public Multi<String> filter(Multi<Change> changes) {
        return changes.onItem().transformToUniAndConcatenate(this::concerning)
                .filter(Optional::isPresent).map(Optional::get)
                .map(c -> c.network() + " " + c.panel());
    }

    private Uni<Optional<Change>> concerning(Change change) {
        if (networks.contains(change.network())) {
            return Uni.createFrom().item(Optional.of(change));
        }
        if (!PlatformApi.REGISTRY.panel().equals(change.panel())) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().completionStage(() -> isOurs.apply(change.network()))
                .onFailure().recoverWithItem(false)
                .map(ours -> {
                    if (Boolean.TRUE.equals(ours)) {
                        networks.add(change.network());
                        return Optional.of(change);
                    }
                    return Optional.<Change>empty();
                });
    }
}
