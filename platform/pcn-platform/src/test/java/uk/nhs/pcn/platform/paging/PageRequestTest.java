package uk.nhs.pcn.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.platform.problem.ProblemException;

class PageRequestTest {

    @Test
    void aPageBeyondAnyListingIsA400NotANegativeOffset() {
        assertThatThrownBy(() -> PageRequest.parse("2147483647", "500"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toProblem("/x").errors().get(0).field()).isEqualTo("page");
                });
        assertThat(PageRequest.parse("4294967", "500").offset()).isEqualTo(2_147_483_500);
    }

    @Test
    void pageAndSizeAreAsciiWholeNumbers() {
        assertThatThrownBy(() -> PageRequest.parse("١", "10")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PageRequest.parse("0", "1.5")).isInstanceOf(ProblemException.class);
        assertThat(PageRequest.parse(null, null)).isEqualTo(new PageRequest(0, PageRequest.DEFAULT_SIZE));
    }
}
