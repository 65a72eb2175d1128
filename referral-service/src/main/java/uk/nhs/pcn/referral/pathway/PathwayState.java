package uk.nhs.pcn.referral.pathway;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where a referral stands on the social prescribing pathway (PRSB Social Prescribing Information Standard):
 * received, accepted or declined, the first contact and "what matters to me" conversation, a personalised care and
 * support plan agreed, connections to community, voluntary and statutory services, follow-up contacts, then
 * discharge. A person may not attend, or withdraw, at any open state.
 */
public enum PathwayState {
    RECEIVED, ACCEPTED, DECLINED, FIRST_CONTACT, PLAN_AGREED, CONNECTED, FOLLOW_UP, DISCHARGED, DID_NOT_ATTEND,
    WITHDRAWN;

    /** The states a referral can leave: everything but declined, discharged, did not attend and withdrawn. */
    public boolean isOpen() {
        return !EnumSet.of(DECLINED, DISCHARGED, DID_NOT_ATTEND, WITHDRAWN).contains(this);
    }

    public static Set<PathwayState> openStates() {
        EnumSet<PathwayState> open = EnumSet.noneOf(PathwayState.class);
        Arrays.stream(values()).filter(PathwayState::isOpen).forEach(open::add);
        return open;
    }

    /** The steps that may be taken from this state, in pathway order. */
    public List<PathwayStep> allowedSteps() {
        return Arrays.stream(PathwayStep.values()).filter(step -> step.allowedFrom(this)).toList();
    }
}
