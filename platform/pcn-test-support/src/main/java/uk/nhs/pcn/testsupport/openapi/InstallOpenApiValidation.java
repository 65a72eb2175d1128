package uk.nhs.pcn.testsupport.openapi;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Turns {@link OpenApiValidation} on before every {@code @QuarkusTest} method of every module that has this module
 * on its test class path (registered in {@code META-INF/services}), so no test has to remember it.
 */
public class InstallOpenApiValidation implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        OpenApiValidation.install();
    }
}
