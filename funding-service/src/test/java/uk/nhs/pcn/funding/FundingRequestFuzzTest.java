package uk.nhs.pcn.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pcn.funding.FundingTestSupport.networkWithPractice;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.testsupport.fuzz.RequestFuzzer;

/**
 * At least 10,000 generated bad requests across every write operation of the funding service's OpenAPI document
 * (see {@link RequestFuzzer}): none may get a 5xx, every 4xx is problem+json naming the field, a wrong token gets
 * 401/403 whatever the body, and the database is unchanged after those that must be refused.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 2)
// In the default suite; tagged so that -Dgroups=fuzz runs the four fuzz tests alone (docs/reliability.md).
@Tag("fuzz")
class FundingRequestFuzzTest {

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URI root;

    @Test
    void noBadRequestGetsA5xxOrChangesAnything() {
        List<String> seeded = networkWithPractice(40_000, "41000.50", "40500.25");
        List<String> other = networkWithPractice(35_000, "36000.00", "35500.00");
        String network = seeded.get(0);

        RequestFuzzer.Result result = RequestFuzzer.of(root)
                .database(dataSource)
                .scope(List.of(network), List.of(seeded.get(1)))
                .otherScope(List.of(other.get(0)), List.of(other.get(1)))
                .operation("alignCareHomeBeds", op -> op.path("code", network)
                        .body(Map.of("from", "2025-04-01", "beds", 12)))
                // The document names no roles (the resource checks them itself): commissioners and ICB finance.
                .operation("confirmPaymentMonth", op -> op.path("code", network).path("month", "2025-04")
                        .roles("commissioner", "finance"))
                .run();

        assertThat(result.requests()).isGreaterThanOrEqualTo(10_000);
        assertThat(result.operations()).isEqualTo(2);
    }
}
