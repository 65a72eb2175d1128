package uk.nhs.pcn.portal.signin;

/** Where a user lands after signing in. */
public final class Home {

    private Home() {
    }

    public static String of(SignedInUser user) {
        if (user.hasRole(SignedInUser.LINK_WORKER)) {
            return "/caseload";
        }
        if (!user.networks().isEmpty()) {
            return "/networks/" + user.networks().get(0);
        }
        return "/";
    }
}
