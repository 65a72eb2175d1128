package uk.nhs.pcn.portal.signin;

import java.util.List;
import java.util.Set;

import io.quarkus.qute.TemplateData;

/**
 * Who is signed in, read from their bearer token: the token itself (the portal calls the services with it, so each
 * service's own role and network scoping applies), its subject, roles ({@code groups}), networks
 * ({@code pcn_networks}) and own staff references ({@code pcn_staff}: which of a network's workforce appointments are
 * theirs, e.g. whose caseload is a link worker's own). The portal reads the claims only to choose what to show and to
 * refuse another network's page early; the services verify the token.
 */
@TemplateData
public record SignedInUser(String token, String subject, Set<String> roles, List<String> networks,
        List<String> staffReferences) {

    public SignedInUser(String token, String subject, Set<String> roles, List<String> networks) {
        this(token, subject, roles, networks, List.of());
    }

    public static final String COMMISSIONER = "commissioner";
    public static final String FINANCE = "finance";
    public static final String PCN_MANAGER = "pcn-manager";
    public static final String LINK_WORKER = "link-worker";

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** As the services' NetworkScope: a commissioner or finance analyst sees every network, others those named. */
    public boolean covers(String network) {
        return hasRole(COMMISSIONER) || hasRole(FINANCE) || networks.contains(network);
    }

    public boolean seesEveryNetwork() {
        return hasRole(COMMISSIONER) || hasRole(FINANCE);
    }

    public String rolesText() {
        return String.join(", ", roles.stream().sorted().toList());
    }
}
