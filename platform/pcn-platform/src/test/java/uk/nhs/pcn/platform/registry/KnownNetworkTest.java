package uk.nhs.pcn.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class KnownNetworkTest {

    private static final LocalDate OPEN = LocalDate.of(2019, 7, 1);
    private static final LocalDate CLOSE = LocalDate.of(2025, 3, 31);

    @Test
    void aNetworkIsOpenOnItsOpenDateAndItsCloseDateButNotOutside() {
        KnownNetwork closed = new KnownNetwork("U45102", "DARLINGTON PCN", "00C", OPEN, CLOSE);
        assertThat(closed.isOpenOn(OPEN.minusDays(1))).isFalse();
        assertThat(closed.isOpenOn(OPEN)).isTrue();
        assertThat(closed.isOpenOn(CLOSE)).isTrue();
        assertThat(closed.isOpenOn(CLOSE.plusDays(1))).isFalse();
    }

    @Test
    void aNetworkWithoutACloseDateStaysOpen() {
        KnownNetwork open = new KnownNetwork("U45102", "DARLINGTON PCN", "00C", OPEN, null);
        assertThat(open.isOpenOn(LocalDate.of(2099, 12, 31))).isTrue();
        assertThat(open.isOpenOn(OPEN.minusDays(1))).isFalse();
    }
}
