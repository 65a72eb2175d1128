package uk.nhs.pcn.events.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Within a topic version the contract only grows: the current one keeps every promise of the released one. */
class ContractEvolutionTest {

    @Test
    void theCurrentContractKeepsEveryPromiseOfTheReleasedOne() {
        assertThat(ContractEvolution.compare(Contract.released(), Contract.current()))
                .as("changes that break consumers of the released contract; within v1 add only optional fields and "
                        + "new event types, or introduce a v2 topic (docs/integrating.md, 'Changing the contract')")
                .isEmpty();
    }

    @Test
    void theBaselineIsACompleteContract() {
        Contract released = Contract.released();
        assertThat(released.schemas()).isNotEmpty();
        released.asyncApi().path("components").path("messages").forEach(message -> assertThat(released.schemas())
                .as("payload schema of " + message.path("name").asText())
                .containsKey(message.path("name").asText() + ".json"));
    }
}
