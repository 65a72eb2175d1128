package uk.nhs.pcn.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import uk.nhs.pcn.testsupport.TestTokens;
import uk.nhs.pcn.workforce.client.ApiClient;
import uk.nhs.pcn.workforce.client.api.StaffAndClaimsApi;
import uk.nhs.pcn.workforce.client.model.Appoint;
import uk.nhs.pcn.workforce.client.model.AppointmentView;

/**
 * An integrator's view: a Java client generated at build time from the committed OpenAPI document
 * (src/main/openapi/openapi.yaml) appoints a member of staff (re-sending with its Idempotency-Key appoints no one
 * twice) and reads the appointment back.
 */
@QuarkusTest
class GeneratedClientTest {

    @Test
    void aClientGeneratedFromTheDocumentAppointsStaffAndReadsTheAppointmentBack() throws Exception {
        String network = WorkforceTestSupport.knownNetwork("2019-07-01", 40_000);
        StaffAndClaimsApi staff = new StaffAndClaimsApi(client(TestTokens.pcnManager(network)));

        Appoint appoint = new Appoint().staffReference("EMP-GEN-1")
                .roleCode("clinical-pharmacist").wte(new BigDecimal("0.8")).startDate(LocalDate.of(2024, 4, 1))
                .employingOrganisation("Lead practice").payBand("7")
                .fullTimeAnnualSalary(new BigDecimal("50000")).fullTimeAnnualOnCosts(new BigDecimal("12000"));
        String idempotencyKey = UUID.randomUUID().toString();
        AppointmentView appointed = staff.appointStaff(network, appoint, idempotencyKey);
        // Sent again with the same key (as after a lost answer): the same appointment, not a second one.
        assertThat(staff.appointStaff(network, appoint, idempotencyKey).getId()).isEqualTo(appointed.getId());
        assertThat(staff.listStaff(network, "2024-04-01", null, null)).hasSize(1);
        AppointmentView read = staff.getAppointment(network, appointed.getId().toString());

        assertThat(read.getRoleCode()).isEqualTo("clinical-pharmacist");
        assertThat(read.getStartDate()).isEqualTo(LocalDate.of(2024, 4, 1));
        assertThat(read.getTerms()).hasSize(1);
    }

    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + RestAssured.port);
        client.setRequestInterceptor(request -> request.header("Authorization", TestTokens.bearer(token)));
        return client;
    }
}
