package uk.nhs.pcn.events.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The comparator itself: each kind of breaking change is reported by name, and compatible growth is not. */
class ContractEvolutionRulesTest {

    private static final String LIST_SIZE = "uk.nhs.pcn.registry.ListSizeRecorded.v1.json";

    private final Contract released = Contract.released();

    @Test
    void aBrokenCopyOfASchemaIsReportedBreakByBreak() {
        List<Break> breaks = ContractEvolution.compare(released,
                released.withSchema(LIST_SIZE, fixture("broken/" + LIST_SIZE)));

        assertThat(breaks).extracting(Break::toString).containsExactlyInAnyOrder(
                LIST_SIZE + ": $id changed from https://pcn.nhs.uk/schemas/" + LIST_SIZE
                        + " to https://pcn.nhs.uk/schemas/uk.nhs.pcn.registry.ListSizeRecorded.json; events already "
                        + "published name the old one [changed-id]",
                LIST_SIZE + ": field 'networkCode' became required; events already published may lack it "
                        + "[field-became-required]",
                LIST_SIZE + ": field 'registeredPatients' was removed or renamed [removed-field]",
                LIST_SIZE + " properties.weightedPopulation: type narrowed from [number] to [integer]; events "
                        + "already published no longer validate [narrowed-type]",
                LIST_SIZE + " properties.adjustedPopulation: 'maximum' 100000 added [changed-constraint]",
                LIST_SIZE + ": new field 'registeredPatientCount' is required; only optional fields may be added "
                        + "[new-required-field]");
    }

    @Test
    void anOptionalFieldANewSchemaAndANewMessageAreCompatible() {
        ObjectNode asyncApi = released.asyncApi().deepCopy();
        ObjectNode message = asyncApi.with("components").with("messages").putObject("ListSizeCorrected");
        message.put("name", "uk.nhs.pcn.registry.ListSizeCorrected.v1");
        message.putObject("payload").put("$ref", "./schemas/uk.nhs.pcn.registry.ListSizeCorrected.v1.json");
        asyncApi.with("channels").with("registry").with("messages").putObject("ListSizeCorrected")
                .put("$ref", "#/components/messages/ListSizeCorrected");

        Contract grown = released.withSchema(LIST_SIZE, fixture("additive/" + LIST_SIZE))
                .withSchema("uk.nhs.pcn.registry.ListSizeCorrected.v1.json", Contract.json("""
                        {"$id": "https://pcn.nhs.uk/schemas/uk.nhs.pcn.registry.ListSizeCorrected.v1.json",
                         "type": "object", "required": ["practiceCode"],
                         "properties": {"practiceCode": {"type": "string"}}}"""))
                .withAsyncApi(asyncApi);

        assertThat(ContractEvolution.compare(released, grown)).isEmpty();
    }

    @Test
    void enumValuesCanBeNeitherRemovedNorAdded() {
        JsonNode before = Contract.json("""
                {"type": "object", "properties": {"basis": {"type": "string", "enum": ["ACTUAL", "CAPPED"]}}}""");
        JsonNode removed = Contract.json("""
                {"type": "object", "properties": {"basis": {"type": "string", "enum": ["ACTUAL"]}}}""");
        JsonNode added = Contract.json("""
                {"type": "object", "properties": {"basis": {"type": "string", "enum": ["ACTUAL", "CAPPED", "PRO_RATA"]}}}""");

        assertThat(ContractEvolution.compareSchemas("claim.json", before, removed)).extracting(Break::toString)
                .containsExactly("claim.json properties.basis: enum value \"CAPPED\" removed; events already "
                        + "published carry it [narrowed-enum]");
        assertThat(ContractEvolution.compareSchemas("claim.json", before, added)).extracting(Break::rule)
                .containsExactly("added-enum-value");
    }

    @Test
    void aWidenedTypeAndAFieldMadeOptionalBreakConsumers() {
        ObjectNode schema = released.schemas().get(LIST_SIZE).deepCopy();
        schema.with("properties").with("registeredPatients").put("type", "number");
        ((com.fasterxml.jackson.databind.node.ArrayNode) schema.get("required")).remove(2);

        assertThat(ContractEvolution.compare(released, released.withSchema(LIST_SIZE, schema)))
                .extracting(Break::rule).containsExactlyInAnyOrder("widened-type", "field-became-optional");
    }

    @Test
    void removingASchemaAChannelAMessageOrAHeaderIsReported() {
        ObjectNode asyncApi = released.asyncApi().deepCopy();
        asyncApi.with("channels").remove("workforce");
        asyncApi.with("channels").with("registry").put("address", "pcn.registry");
        asyncApi.with("channels").with("registry").with("messages").remove("NetworkClosed");
        asyncApi.with("components").with("messages").remove("NetworkClosed");
        ObjectNode headers = asyncApi.with("components").with("messageTraits").with("cloudEvent").with("headers");
        headers.with("properties").remove("ce_correlationid");
        headers.withArray("required").add("ce_partitionkey");
        headers.with("properties").putObject("ce_partitionkey").put("type", "string");

        List<Break> breaks = ContractEvolution.compare(released,
                released.withoutSchema(LIST_SIZE).withAsyncApi(asyncApi));

        assertThat(breaks).extracting(Break::toString).containsExactlyInAnyOrder(
                LIST_SIZE + ": the schema was removed [removed-schema]",
                "asyncapi.yaml channels.registry: address changed from pcn.registry.v1 to pcn.registry "
                        + "[changed-address]",
                "asyncapi.yaml channels.registry: message 'NetworkClosed' is no longer on the channel "
                        + "[removed-message]",
                "asyncapi.yaml channels.workforce: channel 'workforce' (pcn.workforce.v1) was removed "
                        + "[removed-channel]",
                "asyncapi.yaml components.messages.NetworkClosed: message 'NetworkClosed' "
                        + "(uk.nhs.pcn.registry.NetworkClosed.v1) was removed [removed-message]",
                "asyncapi.yaml components.messageTraits.cloudEvent headers: field 'ce_correlationid' was removed "
                        + "or renamed [removed-field]",
                "asyncapi.yaml components.messageTraits.cloudEvent headers: new field 'ce_partitionkey' is "
                        + "required; only optional fields may be added [new-required-field]");
    }

    @Test
    void aChangedRecordKeyIsReported() {
        ObjectNode asyncApi = released.asyncApi().deepCopy();
        asyncApi.with("components").with("messageTraits").with("cloudEvent").with("bindings").with("kafka")
                .with("key").put("pattern", "^U[0-9]{5}$");

        assertThat(ContractEvolution.compare(released, released.withAsyncApi(asyncApi))).extracting(Break::toString)
                .containsExactly("asyncapi.yaml components.messageTraits.cloudEvent bindings.kafka.key: 'pattern' "
                        + "changed from \"^[A-Z][0-9]{5}$\" to \"^U[0-9]{5}$\" [changed-constraint]");
    }

    private static JsonNode fixture(String path) {
        try (InputStream in = ContractEvolutionRulesTest.class.getResourceAsStream("/contract-evolution/" + path)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
