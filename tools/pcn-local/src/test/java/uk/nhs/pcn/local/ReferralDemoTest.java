package uk.nhs.pcn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The demo's people are enough, each routed to a link worker, and their outcome scores are in range. */
class ReferralDemoTest {

    @Test
    void theDemoHasEnoughPeopleAndEachMeasureScoresWithinItsRange() {
        long people = ReferralDemo.PEOPLE.stream().mapToLong(List::size).sum();
        assertThat(ReferralDemo.PEOPLE).hasSameSizeAs(DemoData.DEMO_NETWORKS);
        assertThat(people).isGreaterThan(10);
        assertThat(ReferralDemo.PEOPLE.stream().flatMap(List::stream))
                .as("everyone taken as far as the first contact has a measure to score")
                .allMatch(p -> p.stage().compareTo(ReferralDemo.Stage.FIRST_CONTACT) < 0
                        || ReferralDemo.SCORES.containsKey(p.measure()));
        assertThat(java.util.Arrays.asList(DemoData.STAFF_MIX))
                .as("every demo network gets a link worker to route its referrals to")
                .anyMatch(staff -> staff[0].equals("social-prescribing-link-worker")
                        && new java.math.BigDecimal(staff[1]).signum() > 0);
        assertThat(ReferralDemo.SCORES.get("ONS4")).allMatch(items -> items.size() == 4
                && items.stream().allMatch(i -> i >= 0 && i <= 10));
        assertThat(ReferralDemo.SCORES.get("WEMWBS")).allMatch(items -> items.size() == 14
                && items.stream().allMatch(i -> i >= 1 && i <= 5));
        assertThat(ReferralDemo.SCORES.get("SWEMWBS")).allMatch(items -> items.size() == 7
                && items.stream().allMatch(i -> i >= 1 && i <= 5));
    }
}
