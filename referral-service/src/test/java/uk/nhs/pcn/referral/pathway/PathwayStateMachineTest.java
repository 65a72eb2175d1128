package uk.nhs.pcn.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.platform.problem.ProblemException;

/** Every step from every state: the legal ones lead where the pathway says, every other one is a 409. */
class PathwayStateMachineTest {

    /** The pathway as the PRSB standard and the issue describe it, written out independently of the enum. */
    static final Map<PathwayState, Set<PathwayStep>> LEGAL = Map.of(
            PathwayState.RECEIVED, EnumSet.of(PathwayStep.ACCEPT, PathwayStep.DECLINE, PathwayStep.DID_NOT_ATTEND,
                    PathwayStep.WITHDRAW),
            PathwayState.ACCEPTED, EnumSet.of(PathwayStep.FIRST_CONTACT, PathwayStep.DID_NOT_ATTEND,
                    PathwayStep.WITHDRAW),
            PathwayState.FIRST_CONTACT, EnumSet.of(PathwayStep.AGREE_PLAN, PathwayStep.DID_NOT_ATTEND,
                    PathwayStep.WITHDRAW),
            PathwayState.PLAN_AGREED, EnumSet.of(PathwayStep.CONNECT, PathwayStep.DISCHARGE,
                    PathwayStep.DID_NOT_ATTEND, PathwayStep.WITHDRAW),
            PathwayState.CONNECTED, EnumSet.of(PathwayStep.CONNECT, PathwayStep.FOLLOW_UP, PathwayStep.DISCHARGE,
                    PathwayStep.DID_NOT_ATTEND, PathwayStep.WITHDRAW),
            PathwayState.FOLLOW_UP, EnumSet.of(PathwayStep.CONNECT, PathwayStep.FOLLOW_UP, PathwayStep.DISCHARGE,
                    PathwayStep.DID_NOT_ATTEND, PathwayStep.WITHDRAW),
            PathwayState.DECLINED, EnumSet.noneOf(PathwayStep.class),
            PathwayState.DISCHARGED, EnumSet.noneOf(PathwayStep.class),
            PathwayState.DID_NOT_ATTEND, EnumSet.noneOf(PathwayStep.class),
            PathwayState.WITHDRAWN, EnumSet.noneOf(PathwayStep.class));

    @Test
    void everyLegalStepIsAllowedAndEveryOtherIsRefusedNamingTheAllowedOnes() {
        int illegal = 0;
        for (PathwayState state : PathwayState.values()) {
            for (PathwayStep step : PathwayStep.values()) {
                if (LEGAL.get(state).contains(step)) {
                    assertThatCode(() -> IllegalStep.check(step, state)).as(step + " from " + state)
                            .doesNotThrowAnyException();
                } else {
                    illegal++;
                    ProblemException refused = catchThrowableOfType(ProblemException.class,
                            () -> IllegalStep.check(step, state));
                    assertThat(refused).as(step + " from " + state).isNotNull();
                    assertThat(refused.status()).isEqualTo(409);
                    for (PathwayStep allowed : LEGAL.get(state)) {
                        assertThat(refused.getMessage()).contains(allowed.path());
                    }
                }
            }
        }
        assertThat(illegal).isEqualTo(10 * 9 - LEGAL.values().stream().mapToInt(Set::size).sum());
    }

    @Test
    void stepsLeadToTheirStatesAndClosedStatesAreFinal() {
        assertThat(PathwayStep.ACCEPT.leadsTo()).isEqualTo(PathwayState.ACCEPTED);
        assertThat(PathwayStep.DISCHARGE.leadsTo()).isEqualTo(PathwayState.DISCHARGED);
        assertThat(PathwayState.openStates()).containsExactlyInAnyOrder(PathwayState.RECEIVED, PathwayState.ACCEPTED,
                PathwayState.FIRST_CONTACT, PathwayState.PLAN_AGREED, PathwayState.CONNECTED, PathwayState.FOLLOW_UP);
        ProblemException closed = catchThrowableOfType(ProblemException.class,
                () -> IllegalStep.check(PathwayStep.WITHDRAW, PathwayState.DISCHARGED));
        assertThat(closed.getMessage()).contains("closed");
        assertThat(PathwayState.PLAN_AGREED.allowedSteps().stream().map(PathwayStep::path).toList())
                .isEqualTo(List.of("connections", "discharge", "did-not-attend", "withdraw"));
    }
}
