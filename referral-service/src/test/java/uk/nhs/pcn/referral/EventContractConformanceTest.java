package uk.nhs.pcn.referral;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.testsupport.contract.EventContractConformance;

/** Last in the suite: every event referral-service's tests made it publish, read back as an integrator would. */
@QuarkusTest
class EventContractConformanceTest extends EventContractConformance {
}
