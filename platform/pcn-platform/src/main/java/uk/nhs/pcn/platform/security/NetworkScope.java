package uk.nhs.pcn.platform.security;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/** Which networks the caller's token may act for: commissioners all of them, others those the token names. */
@RequestScoped
public class NetworkScope {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    public boolean coversAllNetworks() {
        return identity.hasRole(Roles.COMMISSIONER);
    }

    public Set<String> networks() {
        return claimValues(Roles.NETWORKS_CLAIM);
    }

    /** The GP practices the token names (a referrer's {@value Roles#PRACTICES_CLAIM} claim). */
    public Set<String> practices() {
        return claimValues(Roles.PRACTICES_CLAIM);
    }

    /** The acting user: the token's subject. */
    public String user() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    private Set<String> claimValues(String name) {
        Object claim = token.getClaim(name);
        if (claim instanceof Collection<?> values) {
            return values.stream().map(v -> v.toString().replace("\"", "")).collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                    .collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    public boolean covers(String networkCode) {
        return coversAllNetworks() || networks().contains(networkCode);
    }

    /**
     * For changes a PCN manager makes in their own network: the token must name the network itself (covering
     * every network, as a commissioner's does, is not enough).
     *
     * @throws ForbiddenException (403) otherwise
     */
    public void requireNamed(String networkCode) {
        if (!networks().contains(networkCode)) {
            throw new ForbiddenException("Your token does not name network " + networkCode
                    + "; only a PCN manager of that network may change it");
        }
    }

    /** @throws ForbiddenException (403) when the token does not cover the network */
    public void require(String networkCode) {
        if (!covers(networkCode)) {
            throw new ForbiddenException("Your token does not cover network " + networkCode);
        }
    }
}
