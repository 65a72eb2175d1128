package uk.nhs.pcn.referral.messageback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.referral.outcomes.Ons4Item;
import uk.nhs.pcn.referral.outcomes.OutcomeChange.Direction;
import uk.nhs.pcn.referral.outcomes.OutcomeMeasure;
import uk.nhs.pcn.referral.pathway.ReferralSnapshots;

class MessageBackTest {

    @Test
    void tellsTheGpWhoWasSeenByWhomAndWhatHappened() {
        MessageBack message = MessageBack.of(ReferralSnapshots.discharged());
        assertThat(message.referralId()).isEqualTo(ReferralSnapshots.ID);
        assertThat(message.person().nhsNumber()).isEqualTo("999 000 0018");
        assertThat(message.person().givenName()).isEqualTo("Alex");
        assertThat(message.person().familyName()).isEqualTo("Testpatient");
        assertThat(message.person().dateOfBirth()).isEqualTo(LocalDate.of(1961, 4, 12));
        assertThat(message.practiceCode()).isEqualTo("A83005");
        assertThat(message.referralDate()).isEqualTo(LocalDate.of(2025, 5, 6));
        assertThat(message.referredBy()).isEqualTo("Dr Jane Referrer");
        assertThat(message.referralSource()).isEqualTo("GP");
        assertThat(message.linkWorkerAppointmentId()).isEqualTo(ReferralSnapshots.APPOINTMENT);
        assertThat(message.whatMattered()).isEqualTo("Getting out of the house and sorting out the bills");
        assertThat(message.supportOffered()).isEqualTo("Walking group; debt advice; care assessment");
        assertThat(message.connections()).extracting(MessageBack.ConnectionMade::serviceName,
                MessageBack.ConnectionMade::serviceType, MessageBack.ConnectionMade::mode,
                MessageBack.ConnectionMade::attended).containsExactly(
                        tuple("Leeds Walking Group", "COMMUNITY", "SIGNPOSTED", true),
                        tuple("Citizens Advice Leeds", "VOLUNTARY", "REFERRED", false),
                        tuple("Adult Social Care", "STATUTORY", "REFERRED", null));
        assertThat(message.outcome()).isEqualTo("DISCHARGED");
        assertThat(message.dischargeReason()).isEqualTo("Goals met");
        assertThat(message.closedOn()).isEqualTo(LocalDate.of(2025, 8, 1));
    }

    @Test
    void reportsEachMeasureAtFirstContactAndDischargeWithTheChange() {
        MessageBack message = MessageBack.of(ReferralSnapshots.discharged());
        assertThat(message.outcomes()).extracting(MessageBack.OutcomeResult::measure)
                .containsExactly(OutcomeMeasure.ONS4, OutcomeMeasure.WEMWBS, OutcomeMeasure.SWEMWBS);
        var ons4 = message.outcomes().get(0);
        assertThat(ons4.firstContact().items()).containsExactly(4, 5, 6, 8);
        assertThat(ons4.discharge().items()).containsExactly(7, 5, 4, 3);
        assertThat(ons4.change().itemChanges()).containsEntry(Ons4Item.ANXIOUS, -5);
        assertThat(ons4.change().direction(Ons4Item.ANXIOUS)).isEqualTo(Direction.IMPROVED);
        assertThat(ons4.change().totalChange()).isNull();
        assertThat(message.outcomes().get(1).change().totalChange()).isEqualTo(14);
        var swemwbs = message.outcomes().get(2);
        assertThat(swemwbs.firstContact().metricScore()).isEqualTo(new BigDecimal("15.32"));
        assertThat(swemwbs.discharge().metricScore()).isEqualTo(new BigDecimal("19.25"));
        assertThat(swemwbs.change().metricChange()).isEqualTo(new BigDecimal("3.93"));
    }

    @Test
    void filesTheReferralCodeDatedTheDayOfAcceptanceInUkTime() {
        // accepted 23:30 UTC on 7 May 2025 = 00:30 BST on 8 May
        assertThat(MessageBack.of(ReferralSnapshots.discharged()).codes())
                .extracting(MessageBack.SnomedCode::code, MessageBack.SnomedCode::display, MessageBack.SnomedCode::date)
                .containsExactly(tuple("871731000000106", "Referral to social prescribing service",
                        LocalDate.of(2025, 5, 8)));
    }

    @Test
    void aDeclinedReferralFilesTheDeclinedCodeOnly() {
        MessageBack message = MessageBack.of(ReferralSnapshots.inState("DECLINED"));
        assertThat(message.codes()).extracting(MessageBack.SnomedCode::code, MessageBack.SnomedCode::date)
                .containsExactly(tuple("871711000000103", LocalDate.of(2025, 5, 8)));
        assertThat(message.outcome()).isEqualTo("DECLINED");
        assertThat(message.dischargeReason()).isEqualTo("Person did not want support");
    }

    @ParameterizedTest
    @ValueSource(strings = { "DID_NOT_ATTEND", "WITHDRAWN" })
    void aPersonWhoLeftThePathwayEarlyStillGetsAMessageBack(String state) {
        MessageBack message = MessageBack.of(ReferralSnapshots.inState(state));
        assertThat(message.outcome()).isEqualTo(state);
        assertThat(message.codes()).extracting(MessageBack.SnomedCode::code).containsExactly("871731000000106");
        assertThat(message.outcomes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "RECEIVED", "ACCEPTED", "FIRST_CONTACT", "PLAN_AGREED", "CONNECTED", "FOLLOW_UP" })
    void refusesAnOpenReferral(String state) {
        assertThatThrownBy(() -> MessageBack.of(ReferralSnapshots.inState(state)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.toProblem("/").type().toString()).endsWith("/not-discharged");
                    assertThat(e.getMessage()).contains(state);
                });
    }

    @Test
    void aMeasureRecordedOnlyOnceHasNoChange() {
        var full = ReferralSnapshots.discharged();
        var onlyFirst = new uk.nhs.pcn.referral.pathway.ReferralSnapshot(full.id(), full.networkCode(),
                full.practiceCode(), full.person(), full.source(), full.needs(), full.referrerNotes(),
                full.consentToShare(), full.referralDate(), full.receivedAt(), full.referredBy(), full.state(),
                full.appointmentId(), full.steps(), full.whatMatters(), full.plan(), full.connections(),
                full.outcomes().stream().filter(o -> o.measure().equals("SWEMWBS")
                        && o.timepoint().equals("FIRST_CONTACT")).toList(),
                full.closeReason(), full.closedAt());
        assertThat(MessageBack.of(onlyFirst).outcomes()).singleElement().satisfies(r -> {
            assertThat(r.measure()).isEqualTo(OutcomeMeasure.SWEMWBS);
            assertThat(r.discharge()).isNull();
            assertThat(r.change()).isNull();
        });
    }

    @Test
    void neverShowsThePersonWhenPrinted() {
        MessageBack message = MessageBack.of(ReferralSnapshots.discharged());
        assertThat(message.toString() + message.person()).doesNotContain("999").doesNotContain("Alex")
                .doesNotContain("Testpatient").doesNotContain("1961");
    }
}
