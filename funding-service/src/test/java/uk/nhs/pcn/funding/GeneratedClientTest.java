package uk.nhs.pcn.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import uk.nhs.pcn.funding.client.ApiClient;
import uk.nhs.pcn.funding.client.ApiException;
import uk.nhs.pcn.funding.client.api.DesRuleSetApi;
import uk.nhs.pcn.funding.client.model.RulesView;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * An integrator's view: a Java client generated at build time from the committed OpenAPI document
 * (src/main/openapi/openapi.yaml) reads a year's DES rules, and gets the documented problem for a bad year.
 */
@QuarkusTest
class GeneratedClientTest {

    @Test
    void aClientGeneratedFromTheDocumentReadsTheDesRulesOfAYear() throws Exception {
        DesRuleSetApi rules = new DesRuleSetApi(client(TestTokens.finance()));

        RulesView year = rules.getDesRules("2024/25");

        assertThat(year.getRules().getFinancialYear()).isEqualTo("2024/25");
        assertThat(year.getRules().getPopulationDate()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(year.getRules().getComponents()).isNotEmpty();
        ApiException bad = catchThrowableOfType(ApiException.class, () -> rules.getDesRules("2024-25"));
        assertThat(bad.getCode()).isEqualTo(400);
        assertThat(bad.getResponseHeaders().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + RestAssured.port);
        client.setRequestInterceptor(request -> request.header("Authorization", TestTokens.bearer(token)));
        return client;
    }
}
