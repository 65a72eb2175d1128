package uk.nhs.pcn.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IdempotentRequestTest {

    record Body(String name, BigDecimal wte, LocalDate start, List<String> tags) {
    }

    private static final IdempotencyKey KEY = new IdempotencyKey("k-1");
    private static final String PATH = "/api/v1/networks/U12345/staff";

    @Test
    void theFingerprintIgnoresFieldOrderAndTrailingZerosButNotTheValues() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("name", "A");
        ordered.put("wte", new BigDecimal("1.0"));
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("wte", new BigDecimal("1.000"));
        reversed.put("name", "A");
        assertThat(IdempotentRequest.fingerprint(ordered)).isEqualTo(IdempotentRequest.fingerprint(reversed))
                .hasSize(64);

        Body body = new Body("A", new BigDecimal("0.5"), LocalDate.of(2024, 4, 1), List.of("x", "y"));
        assertThat(IdempotentRequest.fingerprint(body)).isEqualTo(IdempotentRequest.fingerprint(
                new Body("A", new BigDecimal("0.50"), LocalDate.of(2024, 4, 1), List.of("x", "y"))));
        assertThat(IdempotentRequest.fingerprint(body)).isNotEqualTo(IdempotentRequest.fingerprint(
                new Body("A", new BigDecimal("0.6"), LocalDate.of(2024, 4, 1), List.of("x", "y"))));
        assertThat(IdempotentRequest.fingerprint(body)).isNotEqualTo(IdempotentRequest.fingerprint(
                new Body("A", new BigDecimal("0.5"), LocalDate.of(2024, 4, 2), List.of("x", "y"))));
        assertThat(IdempotentRequest.fingerprint(body)).isNotEqualTo(IdempotentRequest.fingerprint(
                new Body("A", new BigDecimal("0.5"), LocalDate.of(2024, 4, 1), List.of("y", "x"))));
        assertThat(IdempotentRequest.fingerprint(body)).isNotEqualTo(IdempotentRequest.fingerprint(
                new Body(null, new BigDecimal("0.5"), LocalDate.of(2024, 4, 1), List.of("x", "y"))));
        assertThat(IdempotentRequest.fingerprint(null)).isNotEqualTo(IdempotentRequest.fingerprint(Map.of()));
    }

    @Test
    void aKeyIsScopedToTheCallerTheMethodAndThePath() {
        IdempotentRequest mine = IdempotentRequest.of("alice", "POST", PATH, KEY, Map.of("a", 1));
        assertThat(mine.scope()).hasSize(64).isEqualTo(
                IdempotentRequest.of("alice", "POST", PATH, KEY, Map.of("a", 2)).scope()); // body: not scope
        assertThat(mine.lockId()).isEqualTo(IdempotentRequest.of("alice", "POST", PATH, KEY, null).lockId());

        List<IdempotentRequest> others = List.of(
                IdempotentRequest.of("bob", "POST", PATH, KEY, Map.of("a", 1)),
                IdempotentRequest.of("alice", "PUT", PATH, KEY, Map.of("a", 1)),
                IdempotentRequest.of("alice", "POST", "/api/v1/networks/U99999/staff", KEY, Map.of("a", 1)),
                IdempotentRequest.of("alice", "POST", PATH, new IdempotencyKey("k-2"), Map.of("a", 1)),
                // the parts are length-prefixed: moving a character from one to the next is another scope
                IdempotentRequest.of("alic", "ePOST", PATH, KEY, Map.of("a", 1)));
        for (IdempotentRequest other : others) {
            assertThat(other.scope()).as(other.toString()).isNotEqualTo(mine.scope());
            assertThat(other.lockId()).as(other.toString()).isNotEqualTo(mine.lockId());
        }
    }
}
