package uk.nhs.pcn.registry;

import io.quarkus.test.common.QuarkusTestResource;
import uk.nhs.pcn.testsupport.PcnTestResources;

/**
 * The real broker and a fresh database for every test in this module. Declared once so that Quarkus boots the
 * application once for all test classes.
 */
@QuarkusTestResource(PcnTestResources.class)
public class RegistryTestResources {
}
