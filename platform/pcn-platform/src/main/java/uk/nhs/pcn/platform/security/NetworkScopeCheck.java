package uk.nhs.pcn.platform.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import uk.nhs.pcn.platform.api.QueryParams;

/**
 * Enforces {@link NamesNetwork} as a request filter: after Quarkus has checked the token and its roles
 * ({@code @RolesAllowed}), before the body is read and validated. Authorisation therefore comes first: a token for
 * another network gets 403 whether its body is valid, invalid or not JSON at all.
 */
public class NetworkScopeCheck {

    @Inject
    NetworkScope scope;

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void requireNamedNetwork(ResourceInfo resource, UriInfo uri) {
        NamesNetwork rule = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(NamesNetwork.class);
        if (rule == null) {
            return;
        }
        for (String role : rule.orRoles()) {
            if (scope.hasRole(role)) {
                return;
            }
        }
        scope.requireNamed(QueryParams.networkCode(uri.getPathParameters().getFirst("code")));
    }
}
