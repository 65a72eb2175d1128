package uk.nhs.pcn.referral.pathway;

import java.util.EnumSet;
import java.util.Set;

/**
 * A step a link worker records on a referral, the states it may be taken from and the state it leads to. The
 * pathway is enforced: any other step is refused with the steps that are allowed.
 */
public enum PathwayStep {
    /** SNOMED CT 871731000000106: referral to social prescribing service, the first interaction of the episode. */
    ACCEPT("accept", EnumSet.of(PathwayState.RECEIVED), PathwayState.ACCEPTED),
    /** SNOMED CT 871711000000103: social prescribing declined. */
    DECLINE("decline", EnumSet.of(PathwayState.RECEIVED), PathwayState.DECLINED),
    /** The first contact and the "what matters to me" conversation. */
    FIRST_CONTACT("first-contact", EnumSet.of(PathwayState.ACCEPTED), PathwayState.FIRST_CONTACT),
    /** A personalised care and support plan agreed with the person. */
    AGREE_PLAN("plan", EnumSet.of(PathwayState.FIRST_CONTACT), PathwayState.PLAN_AGREED),
    /** A connection to a community, voluntary or statutory service (signposted or referred); may repeat. */
    CONNECT("connections", EnumSet.of(PathwayState.PLAN_AGREED, PathwayState.CONNECTED, PathwayState.FOLLOW_UP),
            PathwayState.CONNECTED),
    /** A follow-up contact; may repeat. */
    FOLLOW_UP("follow-ups", EnumSet.of(PathwayState.CONNECTED, PathwayState.FOLLOW_UP), PathwayState.FOLLOW_UP),
    /** The end of the pathway, with a reason, once a plan is agreed. */
    DISCHARGE("discharge", EnumSet.of(PathwayState.PLAN_AGREED, PathwayState.CONNECTED, PathwayState.FOLLOW_UP),
            PathwayState.DISCHARGED),
    /** The person did not attend: possible from any open state. */
    DID_NOT_ATTEND("did-not-attend", PathwayState.openStates(), PathwayState.DID_NOT_ATTEND),
    /** The person withdrew: possible from any open state. */
    WITHDRAW("withdraw", PathwayState.openStates(), PathwayState.WITHDRAWN);

    private final String path;
    private final Set<PathwayState> from;
    private final PathwayState to;

    PathwayStep(String path, Set<PathwayState> from, PathwayState to) {
        this.path = path;
        this.from = from;
        this.to = to;
    }

    /** The step's name in the API: {@code POST /api/v1/referrals/{id}/<path>}. */
    public String path() {
        return path;
    }

    public boolean allowedFrom(PathwayState state) {
        return from.contains(state);
    }

    public PathwayState leadsTo() {
        return to;
    }
}
