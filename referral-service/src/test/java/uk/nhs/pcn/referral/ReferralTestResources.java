package uk.nhs.pcn.referral;

import io.quarkus.test.common.QuarkusTestResource;
import uk.nhs.pcn.testsupport.PcnTestResources;

/** The real broker and a fresh database for every test in this module; declared once so Quarkus boots once. */
@QuarkusTestResource(PcnTestResources.class)
public class ReferralTestResources {
}
