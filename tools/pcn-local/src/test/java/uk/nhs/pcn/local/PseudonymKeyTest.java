package uk.nhs.pcn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./pcn up gives referral-service one pseudonym key per checkout, long enough, and never silently a new one. */
class PseudonymKeyTest {

    @TempDir
    Path state;

    @Test
    void theKeyIsMadeOnceAndKeptForEveryLaterRun() throws IOException {
        Path dir = state.resolve("referral-service");

        String first = PseudonymKey.inDirectory(dir);
        String second = PseudonymKey.inDirectory(dir);

        assertThat(second).isEqualTo(first);
        assertThat(first.getBytes(StandardCharsets.UTF_8).length)
                .isGreaterThanOrEqualTo(PseudonymKey.MINIMUM_BYTES);
        assertThat(Files.readString(dir.resolve("pseudonym-key")).strip()).isEqualTo(first);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("pseudonym-key")))).isEqualTo("rw-------");
        }
    }

    @Test
    void eachCheckoutGetsItsOwnKey() {
        assertThat(PseudonymKey.inDirectory(state.resolve("a")))
                .isNotEqualTo(PseudonymKey.inDirectory(state.resolve("b")));
    }

    @Test
    void aKeptKeyTooShortForTheServiceIsRefusedNotReplaced() throws IOException {
        Path dir = state.resolve("referral-service");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pseudonym-key"), "too-short\n");

        assertThatThrownBy(() -> PseudonymKey.inDirectory(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shorter than 32 bytes");
        assertThat(Files.readString(dir.resolve("pseudonym-key"))).isEqualTo("too-short\n");
    }
}
