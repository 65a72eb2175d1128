package uk.nhs.pcn.portal;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Leaves a browser test class out before anything starts (no services, no Quarkus) when there is no Chromium here,
 * saying so loudly; under CI (environment variable {@code CI} set) the class runs and fails instead.
 */
public class RequiresChromium implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Browser.chromiumFound() || System.getenv("CI") != null) {
            return ConditionEvaluationResult.enabled("Chromium at " + Browser.CHROMIUM + ", or CI (a missing browser "
                    + "fails)");
        }
        String message = Browser.missingMessage();
        System.err.println("\n" + "*".repeat(100) + "\n" + message + "\n" + "*".repeat(100) + "\n");
        return ConditionEvaluationResult.disabled(message);
    }
}
