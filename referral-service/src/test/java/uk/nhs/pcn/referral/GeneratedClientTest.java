package uk.nhs.pcn.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import uk.nhs.pcn.referral.client.ApiClient;
import uk.nhs.pcn.referral.client.ApiException;
import uk.nhs.pcn.referral.client.api.CaseloadsAndReportsApi;
import uk.nhs.pcn.referral.client.api.ReferralsApi;
import uk.nhs.pcn.referral.client.model.NetworkCaseload;
import uk.nhs.pcn.referral.client.model.Need;
import uk.nhs.pcn.referral.client.model.NewReferral;
import uk.nhs.pcn.referral.client.model.ReferralSource;
import uk.nhs.pcn.referral.client.model.ReferralSummary;
import uk.nhs.pcn.referral.client.model.ReferredPerson;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * An integrator's view: a Java client generated at build time from the committed OpenAPI document
 * (src/main/openapi/openapi.yaml) refers a person and reads the network's caseload, and gets the documented problem
 * for an NHS number that fails its check.
 */
@QuarkusTest
class GeneratedClientTest {

    @Test
    void aClientGeneratedFromTheDocumentRefersAPersonAndReadsTheCaseload() throws Exception {
        String[] np = ReferralTestSupport.networkWithPractice();
        String appointment = ReferralTestSupport.appointLinkWorker(np[0], "1.0", LocalDate.now().minusYears(1));
        ReferralsApi referrals = new ReferralsApi(client(TestTokens.referrer("client", np[1])));

        ReferralSummary referred = referrals.referPerson(new NewReferral()
                .person(new ReferredPerson().nhsNumber(ReferralTestSupport.newNhsNumber()).givenName("Clientgiven")
                        .familyName("Clientfamily").dateOfBirth(LocalDate.of(1970, 1, 2)))
                .practiceCode(np[1]).source(ReferralSource.COMMUNITY_PHARMACY)
                .needs(List.of(Need.PHYSICAL_ACTIVITY)).consentToShare(true));

        assertThat(referred.getNetworkCode()).isEqualTo(np[0]);
        assertThat(referred.getAppointmentId()).isEqualTo(appointment);
        NetworkCaseload caseload = new CaseloadsAndReportsApi(client(TestTokens.pcnManager(np[0])))
                .getNetworkCaseload(np[0]);
        assertThat(caseload.getLinkWorkers()).singleElement()
                .satisfies(w -> assertThat(w.getOpenReferrals()).isEqualTo(1));
        ApiException bad = catchThrowableOfType(ApiException.class, () -> referrals.referPerson(new NewReferral()
                .person(new ReferredPerson().nhsNumber("9434765918").givenName("A").familyName("B")
                        .dateOfBirth(LocalDate.of(1970, 1, 2)))
                .practiceCode(np[1]).source(ReferralSource.GP).needs(List.of(Need.HOUSING)).consentToShare(true)));
        assertThat(bad.getCode()).isEqualTo(400);
        assertThat(bad.getResponseHeaders().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(bad.getResponseBody()).contains("nhs-number-check-digit");
    }

    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + RestAssured.port);
        client.setRequestInterceptor(request -> request.header("Authorization", TestTokens.bearer(token)));
        return client;
    }
}
