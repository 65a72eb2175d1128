package uk.nhs.pcn.referral.caseload;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.referral.caseload.Routing.Candidate;

class RoutingTest {

    static Candidate worker(String id, String wte, int open) {
        return new Candidate(id, new BigDecimal(wte), LocalDate.of(2024, 4, 1), open,
                new Capacity(250).of(new BigDecimal(wte)));
    }

    @Test
    void theLinkWorkerWithTheMostSparePlacesGetsTheReferral() {
        Candidate fullTime = worker("a", "1.0", 200);    // 50 spare
        Candidate partTime = worker("b", "0.5", 40);     // 85 spare
        assertThat(Routing.choose(List.of(fullTime, partTime))).contains(partTime);
    }

    @Test
    void capacityIsWteTimesTheAnnualCaseloadRoundedDown() {
        assertThat(new Capacity(250).of(new BigDecimal("0.6"))).isEqualTo(150);
        assertThat(new Capacity(250).of(new BigDecimal("0.333"))).isEqualTo(83);
        assertThat(new Capacity(200).of(new BigDecimal("1.0"))).isEqualTo(200);
    }

    @Test
    void tiesAreBrokenTheSameWayWhateverTheOrder() {
        Candidate a = new Candidate("a", new BigDecimal("1.0"), LocalDate.of(2024, 4, 1), 50, 250);
        Candidate b = new Candidate("b", new BigDecimal("1.0"), LocalDate.of(2024, 4, 1), 50, 250);
        Candidate c = new Candidate("c", new BigDecimal("1.0"), LocalDate.of(2023, 4, 1), 50, 250);
        List<Candidate> all = new ArrayList<>(List.of(a, b, c));
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(all);
            // Equal spare places and load: the longer in post first, then the appointment id.
            assertThat(Routing.choose(all)).contains(c);
        }
        assertThat(Routing.choose(List.of(b, a))).contains(a);
    }

    @Test
    void equalSparePlacesGoToTheLessLoadedShareOfCapacity() {
        Candidate small = worker("small", "0.4", 0);     // 100 spare, 0% in use
        Candidate big = worker("big", "1.0", 150);       // 100 spare, 60% in use
        assertThat(Routing.choose(List.of(big, small))).contains(small);
    }

    @Test
    void aFullCaseloadStillReceivesWhenEveryoneIsFullerAndNoOneInPostMeansTheQueue() {
        Candidate over = worker("over", "1.0", 260);
        Candidate moreOver = worker("more", "1.0", 300);
        assertThat(Routing.choose(List.of(moreOver, over))).contains(over);
        assertThat(Routing.choose(List.of())).isEmpty();
    }
}
