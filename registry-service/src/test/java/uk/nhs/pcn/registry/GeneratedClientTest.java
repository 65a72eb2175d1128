package uk.nhs.pcn.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import uk.nhs.pcn.registry.client.ApiClient;
import uk.nhs.pcn.registry.client.ApiException;
import uk.nhs.pcn.registry.client.api.NetworksApi;
import uk.nhs.pcn.registry.client.model.AsAt;
import uk.nhs.pcn.registry.client.model.RegisterNetworkRequest;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * An integrator's view: a Java client generated at build time from the committed OpenAPI document
 * (src/main/openapi/openapi.yaml) registers a network and reads it back.
 */
@QuarkusTest
class GeneratedClientTest {

    @Test
    void aClientGeneratedFromTheDocumentRegistersANetworkAndReadsItBack() throws Exception {
        NetworksApi networks = new NetworksApi(client(TestTokens.commissioner()));
        String code = RegistryTestSupport.newNetworkCode();

        AsAt registered = networks.registerNetwork(new RegisterNetworkRequest().code(code).name("GENERATED CLIENT PCN")
                .commissionerCode("00C").openDate(LocalDate.of(2019, 7, 1)));
        AsAt read = networks.getNetwork(code, "2019-07-01");

        assertThat(registered.getCode()).isEqualTo(code);
        assertThat(read.getName()).isEqualTo("GENERATED CLIENT PCN");
        assertThat(read.getOpenDate()).isEqualTo(LocalDate.of(2019, 7, 1));
        assertThatThrownBy(() -> networks.getNetwork(RegistryTestSupport.newNetworkCode(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
                });
    }

    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + RestAssured.port);
        client.setRequestInterceptor(request -> request.header("Authorization", TestTokens.bearer(token)));
        return client;
    }
}
