package uk.nhs.pcn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The demo's people have NHS numbers a service accepts, and never one that could belong to a real person. */
class TestNhsNumbersTest {

    @Test
    void numbersComeFromTheTestRangeAndPassTheModulus11Check() {
        List<String> numbers = TestNhsNumbers.sequence().limit(1000).toList();

        assertThat(numbers).hasSize(1000).doesNotHaveDuplicates()
                .allMatch(n -> n.startsWith("999") && n.length() == 10)
                .allMatch(TestNhsNumbers::passesModulus11);
        // 999000000 would need check digit 10, so it has no valid number; 999000001 gives 8.
        assertThat(numbers.get(0)).isEqualTo("9990000018");
    }

    @Test
    void theCheckMatchesPublishedExamples() {
        // NHS England's example number, valid; the same with its last digit changed, invalid.
        assertThat(TestNhsNumbers.passesModulus11("9434765919")).isTrue();
        assertThat(TestNhsNumbers.passesModulus11("9434765918")).isFalse();
        assertThat(TestNhsNumbers.withCheckDigit(999_000_000L)).isNull();
    }

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
