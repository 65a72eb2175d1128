package uk.nhs.pcn.events.evolution;

/**
 * A change that would break a consumer of the released contract.
 *
 * @param where the document and the path within it, e.g. {@code uk.nhs.pcn.registry.NetworkClosed.v1.json
 *        properties.effectiveDate}
 * @param rule a stable name of the rule broken, e.g. {@code removed-field}
 * @param detail what changed, in words
 */
public record Break(String where, String rule, String detail) {

    @Override
    public String toString() {
        return where + ": " + detail + " [" + rule + "]";
    }
}
