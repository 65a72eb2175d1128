package uk.nhs.pcn.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.appointment;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.asManager;
import static uk.nhs.pcn.workforce.WorkforceTestSupport.knownNetwork;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.testsupport.fuzz.RequestFuzzer;

/**
 * At least 10,000 generated bad requests across every write operation of the workforce service's OpenAPI document
 * (see {@link RequestFuzzer}): none may get a 5xx, every 4xx is problem+json naming the field, a token for another
 * network gets 403 whatever the body, and the database is unchanged after those that must be refused.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 2)
// In the default suite; tagged so that -Dgroups=fuzz runs the four fuzz tests alone (docs/reliability.md).
@Tag("fuzz")
class WorkforceRequestFuzzTest {

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URI root;

    @Test
    void noBadRequestGetsA5xxOrChangesAnything() {
        String network = knownNetwork("2019-07-01", 40_000);
        String other = knownNetwork("2019-07-01", 40_000);
        String staff = asManager(network).body(appointment("care-coordinator", "0.8", "2024-04-01", "30000", "7000"))
                .post("/api/v1/networks/" + network + "/staff").then().statusCode(201)
                .extract().jsonPath().getString("id");
        AtomicInteger references = new AtomicInteger();

        RequestFuzzer.Result result = RequestFuzzer.of(root)
                .database(dataSource)
                .scope(List.of(network), List.of())
                .otherScope(List.of(other), List.of())
                .operation("appointStaff", op -> op.path("code", network)
                        .body(Map.of("roleCode", "care-coordinator", "wte", 0.5, "startDate", "2024-05-01",
                                "payBand", "6"))
                        .omit("endDate")
                        .fresh("staffReference", () -> "FUZZ-" + references.incrementAndGet()))
                .operation("changeHours", op -> op.path("code", network).path("id", staff)
                        .body(Map.of("wte", 0.6, "from", "2024-10-01")))
                .operation("changePay", op -> op.path("code", network).path("id", staff)
                        .body(Map.of("from", "2024-10-01")))
                .operation("endAppointment", op -> op.path("code", network).path("id", staff)
                        .body(Map.of("lastDay", "2025-03-31")))
                .operation("calculateMonthlyClaim", op -> op.path("code", network).path("month", "2024-06"))
                .run();

        assertThat(result.requests()).isGreaterThanOrEqualTo(10_000);
        assertThat(result.operations()).isEqualTo(5);
    }
}
