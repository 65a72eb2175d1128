package uk.nhs.pcn.referral.pathway;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import uk.nhs.pcn.referral.access.ReferralAccess;
import uk.nhs.pcn.referral.referral.ReferralService;

/**
 * Checks that the caller is a link worker of the referral's network before a pathway step's body is read: a link
 * worker of another network is answered 403 (and an unknown referral 404) whatever the body holds, even one the
 * platform's strict JSON reader refuses. {@link PathwayResource} checks again when it takes the body.
 */
public class PathwayAccessCheck {

    @Inject
    ReferralService referrals;

    @Inject
    ReferralAccess access;

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void linkWorkerOfTheReferralsNetwork(ResourceInfo resource, UriInfo uri) {
        if (resource.getResourceClass() == PathwayResource.class) {
            referrals.requireForLinkWorker(PathwayResource.uuid(uri.getPathParameters().getFirst("id")), access);
        }
    }
}
