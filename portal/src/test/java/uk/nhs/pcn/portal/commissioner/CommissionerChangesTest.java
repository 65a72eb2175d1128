package uk.nhs.pcn.portal.commissioner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import uk.nhs.pcn.portal.live.Changes;
import uk.nhs.pcn.portal.live.Changes.Change;

/** A commissioner's page refreshes for changes of the commissioner's own networks only. */
class CommissionerChangesTest {

    @Test
    void onlyTheCommissionersNetworksChangesReachItsPage() {
        Changes changes = new Changes();
        List<String> asked = new ArrayList<>();
        CommissionerChanges ours = new CommissionerChanges(List.of("U10001", "U10002"), network -> {
            asked.add(network);
            return CompletableFuture.completedFuture(false);
        });
        AssertSubscriber<String> page = ours.filter(changes.changes()).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        changes.publish(new Change("U10001", "workforce"));
        changes.publish(new Change("U20001", "workforce"));
        changes.publish(new Change("U20001", "funding"));
        changes.publish(new Change("U10002", "registry"));
        changes.publish(new Change("U20002", "registry"));
        changes.publish(new Change("U10002", "referral"));

        assertThat(page.getItems()).containsExactly("U10001 workforce", "U10002 registry", "U10002 referral");
        // Only another network's registry change is worth asking about (it may have joined this commissioner).
        assertThat(asked).containsExactly("U20002");
    }

    @Test
    void aNetworkThatBecomesTheCommissionersIsFollowedFromItsRegistryChange() {
        Changes changes = new Changes();
        Set<String> registry = new java.util.HashSet<>(Set.of());
        CommissionerChanges ours = new CommissionerChanges(List.of("U10001"),
                network -> CompletableFuture.completedFuture(registry.contains(network)));
        AssertSubscriber<String> page = ours.filter(changes.changes()).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        changes.publish(new Change("U30001", "funding"));
        registry.add("U30001");
        changes.publish(new Change("U30001", "registry"));
        changes.publish(new Change("U30001", "funding"));

        assertThat(page.getItems()).containsExactly("U30001 registry", "U30001 funding");
    }

    @Test
    void aRegistryThatCannotAnswerRefreshesNothingAndTheStreamGoesOn() {
        Changes changes = new Changes();
        CommissionerChanges ours = new CommissionerChanges(List.of("U10001"),
                network -> CompletableFuture.failedFuture(new java.io.IOException("connection refused")));
        AssertSubscriber<String> page = ours.filter(changes.changes()).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        changes.publish(new Change("U40001", "registry"));
        changes.publish(new Change("U10001", "funding"));

        assertThat(page.getItems()).containsExactly("U10001 funding");
        page.assertNotTerminated();
    }
}
