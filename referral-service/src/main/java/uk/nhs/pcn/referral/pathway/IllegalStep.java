package uk.nhs.pcn.referral.pathway;

import java.util.List;

import uk.nhs.pcn.platform.problem.ProblemException;

/** A step the pathway does not allow from the referral's state: 409, naming the steps that are allowed. */
public final class IllegalStep {

    private IllegalStep() {
    }

    public static void check(PathwayStep step, PathwayState state) {
        if (!step.allowedFrom(state)) {
            List<String> allowed = state.allowedSteps().stream().map(PathwayStep::path).toList();
            String next = allowed.isEmpty() ? "none: the referral is closed (" + state + ")"
                    : String.join(", ", allowed);
            throw ProblemException.conflict("illegal-pathway-step", "Step not allowed now",
                    "A referral that is " + state + " cannot take the step '" + step.path()
                            + "'; the allowed next steps are: " + next, "step");
        }
    }
}
