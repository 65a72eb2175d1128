package uk.nhs.pcn.events.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.nhs.pcn.events.EventJson;
import uk.nhs.pcn.events.EventSchemas;
import uk.nhs.pcn.events.PcnEvent;

/**
 * The referral events as referral-service builds them validate against their schemas, and the schemas refuse what
 * the contract promises never to publish: patient identifiers, free text, uncoded values, scores a measure cannot
 * have.
 */
class ReferralEventContractTest {

    private static final String NETWORK = "U45102";
    private static final String REFERRAL = "c77a7792-6e5a-45e7-bd8c-e0de261790c4";
    private static final String APPOINTMENT = "5f0c6c1e-8a7e-4b59-9a43-3c1d2d6f0a11";
    private static final String PREVIOUS = "7d0f29be-4fb4-4c4e-8344-2ba9a2b7bf46";
    private static final String PSEUDONYM = "59a368aead1f03ddd7a8b006c12f393ccc4f18f245a45ee04f095b5459b88794";
    private static final Instant AT = Instant.parse("2025-05-12T09:30:00Z");

    private final ReferralReceived received = new ReferralReceived(NETWORK, REFERRAL, "A83005", PSEUDONYM, "GP",
            List.of("LONELINESS", "BEREAVEMENT"), "75-84", true, LocalDate.of(2025, 5, 12), AT);

    @Test
    void everyReferralEventAsTheServiceBuildsItIsValid() {
        List<PcnEvent> events = List.of(received,
                new ReferralQueued(NETWORK, REFERRAL, "NO_LINK_WORKER_IN_POST", null, AT),
                new ReferralQueued(NETWORK, REFERRAL, "LINK_WORKER_LEFT", PREVIOUS, AT),
                new ReferralAssigned(NETWORK, REFERRAL, APPOINTMENT, "FROM_QUEUE", null, AT),
                new ReferralAssigned(NETWORK, REFERRAL, APPOINTMENT, "REASSIGNED", PREVIOUS, AT),
                new ReferralAccepted(NETWORK, REFERRAL, APPOINTMENT, "871731000000106", 0, AT),
                new ReferralDeclined(NETWORK, REFERRAL, "871711000000103", "NOT_ANSWERED_IN_TIME", AT),
                new ReferralDischarged(NETWORK, REFERRAL, "DISCHARGED", "GOALS_MET", "FOLLOW_UP", 8, List.of(
                        new ReferralDischarged.ConnectionCount("VOLUNTARY", "REFERRED", 2, 2),
                        new ReferralDischarged.ConnectionCount("COMMUNITY", "SIGNPOSTED", 3, 0)), 97, AT),
                new ReferralDischarged(NETWORK, REFERRAL, "WITHDRAWN", "MOVED_AWAY", "RECEIVED", 0, List.of(), 0, AT),
                new OutcomeRecorded(NETWORK, REFERRAL, PSEUDONYM, "ONS4", "FIRST_CONTACT", List.of(0, 10, 5, 7), null,
                        null, AT),
                new OutcomeRecorded(NETWORK, REFERRAL, PSEUDONYM, "WEMWBS", "DISCHARGE",
                        List.of(3, 4, 3, 3, 2, 4, 3, 3, 3, 4, 3, 3, 4, 3), 45, null, AT),
                new OutcomeRecorded(NETWORK, REFERRAL, PSEUDONYM, "SWEMWBS", "FIRST_CONTACT",
                        List.of(3, 3, 4, 3, 3, 3, 3), 22, new BigDecimal("19.98"), AT),
                new OutcomeRecorded(NETWORK, REFERRAL, PSEUDONYM, "SWEMWBS", "DISCHARGE",
                        List.of(1, 1, 1, 1, 1, 1, 1), 7, new BigDecimal("7.00"), AT),
                new CaseloadThresholdReached(NETWORK, APPOINTMENT, 160, 200, 80, AT));

        for (PcnEvent event : events) {
            JsonNode json = EventJson.mapper().valueToTree(event);
            assertThat(EventSchemas.validate(event.type(), json)).as(event.toString()).isEmpty();
        }
    }

    @Test
    void instantsAreWrittenAsRfc3339InUtcAndAbsentValuesAreLeftOut() {
        var queued = new ReferralQueued(NETWORK, REFERRAL, "NO_LINK_WORKER_IN_POST", null,
                Instant.parse("2025-05-12T09:30:00.123456789Z"));
        JsonNode json = EventJson.mapper().valueToTree(queued);

        assertThat(json.path("queuedAt").asText()).isEqualTo("2025-05-12T09:30:00.123456789Z");
        assertThat(EventJson.mapper().valueToTree(received).path("receivedAt").asText())
                .as("seconds written even on the minute").isEqualTo("2025-05-12T09:30:00Z");
        assertThat(json.has("previousAppointmentId")).isFalse();
        assertThat(EventSchemas.validate(queued.type(), json)).isEmpty();
        assertThat(EventSchemas.validate(queued.type(), with(json, o -> o.put("queuedAt", "2025-05-12 09:30"))))
                .as("not a date-time").isNotEmpty();
    }

    @Test
    void aPersonIsOnlyAPseudonymNeverAnIdentifierOrFreeText() {
        JsonNode json = EventJson.mapper().valueToTree(received);
        String type = received.type();

        assertThat(EventSchemas.validate(type, with(json, o -> o.put("personPseudonym", "9434765919"))))
                .as("an NHS number is not a pseudonym").anySatisfy(m -> assertThat(m).contains("personPseudonym"));
        assertThat(EventSchemas.validate(type, with(json, o -> o.put("personPseudonym", PSEUDONYM.toUpperCase()))))
                .as("lower-case hex only").isNotEmpty();
        for (String field : List.of("nhsNumber", "name", "dateOfBirth", "postcode", "notes")) {
            assertThat(EventSchemas.validate(type, with(json, o -> o.put(field, "x")))).as(field).isNotEmpty();
        }
        assertThat(EventSchemas.validate(type, with(json, o -> o.putArray("needs").add("Lonely since her husband "
                + "died")))).as("needs are coded, not the referrer's words").isNotEmpty();
        assertThat(EventSchemas.validate(type, with(json, o -> o.put("ageBand", "82")))).as("a band, not an age")
                .isNotEmpty();
    }

    @Test
    void aReferralHasAtLeastOneNeedEachAtMostOnce() {
        JsonNode json = EventJson.mapper().valueToTree(received);

        assertThat(EventSchemas.validate(received.type(), with(json, o -> o.putArray("needs")))).isNotEmpty();
        assertThat(EventSchemas.validate(received.type(),
                with(json, o -> o.putArray("needs").add("HOUSING").add("HOUSING")))).isNotEmpty();
    }

    @Test
    void aLinkWorkerWhoLeftIsNamedByTheirAppointment() {
        var left = new ReferralQueued(NETWORK, REFERRAL, "LINK_WORKER_LEFT", null, AT);
        var reassigned = new ReferralAssigned(NETWORK, REFERRAL, APPOINTMENT, "REASSIGNED", null, AT);

        assertThat(EventSchemas.validate(left.type(), EventJson.mapper().valueToTree(left)))
                .anySatisfy(m -> assertThat(m).contains("previousAppointmentId"));
        assertThat(EventSchemas.validate(reassigned.type(), EventJson.mapper().valueToTree(reassigned)))
                .anySatisfy(m -> assertThat(m).contains("previousAppointmentId"));
        var upperCase = new ReferralAssigned(NETWORK, REFERRAL, APPOINTMENT.toUpperCase(), "NEW", null, AT);
        assertThat(EventSchemas.validate(upperCase.type(), EventJson.mapper().valueToTree(upperCase)))
                .as("ids are lower-case UUIDs, so consumers can join on them").isNotEmpty();
    }

    @Test
    void theSnomedCodesAreFixed() {
        var accepted = new ReferralAccepted(NETWORK, REFERRAL, APPOINTMENT, "871711000000103", 3, AT);
        var declined = new ReferralDeclined(NETWORK, REFERRAL, "871731000000106", "DUPLICATE", AT);

        assertThat(EventSchemas.validate(accepted.type(), EventJson.mapper().valueToTree(accepted))).isNotEmpty();
        assertThat(EventSchemas.validate(declined.type(), EventJson.mapper().valueToTree(declined))).isNotEmpty();
    }

    @Test
    void aConnectionCountsAtLeastOne() {
        var discharged = new ReferralDischarged(NETWORK, REFERRAL, "DISCHARGED", "GOALS_MET", "FOLLOW_UP", 6,
                List.of(new ReferralDischarged.ConnectionCount("STATUTORY", "REFERRED", 0, 0)), 60, AT);

        assertThat(EventSchemas.validate(discharged.type(), EventJson.mapper().valueToTree(discharged)))
                .isNotEmpty();
    }

    @Test
    void eachMeasureHasItsOwnItemsAndScores() {
        List<Integer> fourteen = List.of(3, 4, 3, 3, 2, 4, 3, 3, 3, 4, 3, 3, 4, 3);
        List<Integer> seven = List.of(3, 3, 4, 3, 3, 3, 3);

        assertThat(invalid("ONS4", List.of(4, 5, 4, 7), 20, null)).as("ONS4 is never summed").isTrue();
        assertThat(invalid("ONS4", List.of(4, 5, 4, 7, 3), null, null)).as("four items").isTrue();
        assertThat(invalid("ONS4", List.of(4, 5, 4, 11), null, null)).as("0-10").isTrue();
        assertThat(invalid("WEMWBS", fourteen, null, null)).as("WEMWBS has a total").isTrue();
        assertThat(invalid("WEMWBS", seven, 22, null)).as("fourteen items").isTrue();
        assertThat(invalid("WEMWBS", List.of(0, 4, 3, 3, 2, 4, 3, 3, 3, 4, 3, 3, 4, 3), 42, null)).as("1-5")
                .isTrue();
        assertThat(invalid("WEMWBS", fourteen, 45, new BigDecimal("19.98"))).as("no metric score").isTrue();
        assertThat(invalid("SWEMWBS", seven, 22, null)).as("SWEMWBS has a metric score").isTrue();
        assertThat(invalid("SWEMWBS", fourteen, 45, new BigDecimal("19.98"))).as("seven items").isTrue();
        assertThat(invalid("SWEMWBS", seven, 40, new BigDecimal("19.98"))).as("raw total 7-35").isTrue();
        assertThat(invalid("SWEMWBS", seven, 22, new BigDecimal("35.01"))).as("metric 7.00-35.00").isTrue();
        assertThat(invalid("SWEMWBS", seven, 22, new BigDecimal("19.98"))).isFalse();
    }

    @Test
    void aCaseloadThresholdIsAPercentageOfCapacity() {
        var zero = new CaseloadThresholdReached(NETWORK, APPOINTMENT, 0, 0, 0, AT);
        var negative = new CaseloadThresholdReached(NETWORK, APPOINTMENT, -1, 200, 80, AT);

        assertThat(EventSchemas.validate(zero.type(), EventJson.mapper().valueToTree(zero)))
                .anySatisfy(m -> assertThat(m).contains("thresholdPercent"));
        assertThat(EventSchemas.validate(negative.type(), EventJson.mapper().valueToTree(negative)))
                .anySatisfy(m -> assertThat(m).contains("openReferrals"));
    }

    private static boolean invalid(String measure, List<Integer> items, Integer total, BigDecimal metricScore) {
        var outcome = new OutcomeRecorded(NETWORK, REFERRAL, PSEUDONYM, measure, "FIRST_CONTACT", items, total,
                metricScore, AT);
        return !EventSchemas.validate(outcome.type(), EventJson.mapper().valueToTree(outcome)).isEmpty();
    }

    private static JsonNode with(JsonNode json, Consumer<ObjectNode> change) {
        ObjectNode copy = json.deepCopy();
        change.accept(copy);
        return copy;
    }
}
