package uk.nhs.pcn.referral.access;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.security.ForbiddenException;
import uk.nhs.pcn.platform.security.NetworkScope;
import uk.nhs.pcn.platform.security.Roles;
import uk.nhs.pcn.referral.referral.Referral;

/**
 * Who may do what with referrals (the information governance rules):
 * <ul>
 * <li>{@code link-worker}: every referral of the networks their token names, identifiable, and the pathway steps;</li>
 * <li>{@code referrer}: creates referrals for the practices their token names and reads the ones they made;</li>
 * <li>{@code pcn-manager}: their networks' caseloads, reports and referral lists, never a name or NHS number;</li>
 * <li>{@code commissioner}: aggregate figures only (caseloads and reports);</li>
 * <li>{@code ig-lead}: their networks' access audit.</li>
 * </ul>
 * Authorisation is decided before the request body is looked at.
 */
@RequestScoped
public class ReferralAccess {

    @Inject
    NetworkScope scope;

    public String user() {
        return scope.user();
    }

    public boolean isLinkWorkerOf(String networkCode) {
        return scope.hasRole(Roles.LINK_WORKER) && scope.networks().contains(networkCode);
    }

    /** May create a referral from this practice: a referrer for it, or (checked later) a link worker of its network. */
    public boolean refersFor(String practiceCode) {
        return scope.hasRole(Roles.REFERRER) && scope.practices().contains(practiceCode);
    }

    public boolean isLinkWorker() {
        return scope.hasRole(Roles.LINK_WORKER);
    }

    /** Reads of the person's details: the network's link workers, and the referrer who made the referral. */
    public void requireIdentifiableRead(Referral referral) {
        if (isLinkWorkerOf(referral.networkCode)) {
            return;
        }
        if (scope.hasRole(Roles.REFERRER) && user().equals(referral.referredBy)) {
            return;
        }
        throw new ForbiddenException("Only a link worker of network " + referral.networkCode
                + " or the referrer who made it may read this referral");
    }

    /** Pathway steps and outcomes: the network's link workers only. */
    public void requireLinkWorkerOf(String networkCode) {
        if (!isLinkWorkerOf(networkCode)) {
            throw new ForbiddenException("Only a link worker of network " + networkCode + " may change its referrals");
        }
    }

    /** Caseloads and reports (no patient-identifiable fields): the network's link workers and manager, commissioners. */
    public void requireAggregateRead(String networkCode) {
        boolean named = scope.networks().contains(networkCode)
                && (scope.hasRole(Roles.LINK_WORKER) || scope.hasRole(Roles.PCN_MANAGER));
        if (!named && !scope.hasRole(Roles.COMMISSIONER)) {
            throw new ForbiddenException("Your token does not cover network " + networkCode
                    + " as its link worker, PCN manager or a commissioner");
        }
    }

    /** The pseudonymised referral list: the network's link workers and PCN manager. */
    public void requireNetworkListRead(String networkCode) {
        boolean named = scope.networks().contains(networkCode)
                && (scope.hasRole(Roles.LINK_WORKER) || scope.hasRole(Roles.PCN_MANAGER));
        if (!named) {
            throw new ForbiddenException("Only a link worker or PCN manager of network " + networkCode
                    + " may list its referrals");
        }
    }

    /** The access audit: the network's information governance lead. */
    public void requireAuditRead(String networkCode) {
        if (!(scope.hasRole(Roles.IG_LEAD) && scope.networks().contains(networkCode))) {
            throw new ForbiddenException("Only the information governance lead of network " + networkCode
                    + " may read its access audit");
        }
    }

    public java.util.Set<String> roles() {
        return java.util.Set.of(Roles.LINK_WORKER, Roles.REFERRER, Roles.PCN_MANAGER, Roles.COMMISSIONER,
                Roles.IG_LEAD).stream().filter(scope::hasRole).collect(java.util.stream.Collectors.toSet());
    }
}
