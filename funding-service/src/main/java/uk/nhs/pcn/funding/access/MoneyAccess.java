package uk.nhs.pcn.funding.access;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import uk.nhs.pcn.platform.security.NetworkScope;
import uk.nhs.pcn.platform.security.Roles;

/**
 * Who may see and confirm money: commissioners and ICB finance read every network's payments and confirm months; a
 * PCN manager reads only the networks the token names; nobody else reads money.
 */
@RequestScoped
public class MoneyAccess {

    @Inject
    SecurityIdentity identity;

    @Inject
    NetworkScope scope;

    public boolean readsEveryNetwork() {
        return identity.hasRole(Roles.COMMISSIONER) || identity.hasRole(Roles.FINANCE);
    }

    /** @throws ForbiddenException (403) unless the caller may read the network's payments */
    public void requireRead(String networkCode) {
        if (readsEveryNetwork()) {
            return;
        }
        if (!identity.hasRole(Roles.PCN_MANAGER)) {
            throw new ForbiddenException("Payments are for commissioners, ICB finance and the network's PCN manager");
        }
        if (!scope.networks().contains(networkCode)) {
            throw new ForbiddenException("Your token does not name network " + networkCode);
        }
    }

    /** @throws ForbiddenException (403) unless the caller reads every network (national and commissioner views) */
    public void requireReadAll() {
        if (!readsEveryNetwork()) {
            throw new ForbiddenException("Every network's payments are for commissioners and ICB finance");
        }
    }

    /** @throws ForbiddenException (403) unless the caller confirms payments */
    public void requireConfirm() {
        if (!readsEveryNetwork()) {
            throw new ForbiddenException("Only a commissioner or ICB finance confirms a month's payment");
        }
    }

    /** Who did it, for the record: the token's subject and the role it acted in. */
    public String who() {
        String role = identity.hasRole(Roles.COMMISSIONER) ? Roles.COMMISSIONER
                : identity.hasRole(Roles.FINANCE) ? Roles.FINANCE : "other";
        return identity.getPrincipal().getName() + " (" + role + ")";
    }
}
