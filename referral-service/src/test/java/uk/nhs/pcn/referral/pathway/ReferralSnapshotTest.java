package uk.nhs.pcn.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferralSnapshotTest {

    @Test
    void printsNothingThatIdentifiesThePerson() {
        ReferralSnapshot referral = ReferralSnapshots.discharged();
        String printed = referral.toString() + referral.person();
        assertThat(printed).contains(ReferralSnapshots.ID.toString()).doesNotContain("999").doesNotContain("Alex")
                .doesNotContain("Testpatient").doesNotContain("1961").doesNotContain("07700")
                .doesNotContain("bereaved");
    }

    @Test
    void knowsWhetherItIsOpenAndWhenItWasAccepted() {
        assertThat(ReferralSnapshots.received().isOpen()).isTrue();
        assertThat(ReferralSnapshots.inState("FOLLOW_UP").isOpen()).isTrue();
        assertThat(ReferralSnapshots.discharged().isOpen()).isFalse();
        assertThat(ReferralSnapshots.inState("DECLINED").isOpen()).isFalse();
        assertThat(ReferralSnapshots.discharged().firstStep("ACCEPTED")).hasValueSatisfying(
                s -> assertThat(s.at()).hasToString("2025-05-07T23:30:00Z"));
        assertThat(ReferralSnapshots.received().firstStep("ACCEPTED")).isEmpty();
    }

    @Test
    void findsTheOutcomeOfAMeasureAtATimepoint() {
        ReferralSnapshot referral = ReferralSnapshots.discharged();
        assertThat(referral.outcome("SWEMWBS", "DISCHARGE")).hasValueSatisfying(
                o -> assertThat(o.score().metricScore()).isEqualByComparingTo("19.25"));
        assertThat(ReferralSnapshots.received().outcome("SWEMWBS", "DISCHARGE")).isEmpty();
    }
}
