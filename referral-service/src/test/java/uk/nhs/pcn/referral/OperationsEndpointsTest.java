package uk.nhs.pcn.referral;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.testsupport.ServiceOperationsContract;

/** Health, readiness, metrics and OpenAPI, as every service must serve them. */
@QuarkusTest
class OperationsEndpointsTest extends ServiceOperationsContract {
}
