package uk.nhs.pcn.portal.signin;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * The local sign-in page: choose a role, networks and (for a link worker) one's own staff reference, get the
 * development token {@code ./pcn token --role ... --networks ... --staff ...} would give. The staff reference makes it
 * a specific link worker: the one whose workforce appointment carries it.
 */
@Path("/dev/sign-in")
public class DevSignInResource {

    static final List<String> ROLES = List.of(SignedInUser.PCN_MANAGER, SignedInUser.COMMISSIONER,
            SignedInUser.FINANCE, SignedInUser.LINK_WORKER, "viewer", "ig-lead");

    @Inject
    DevSignIn devSignIn;

    @Inject
    Csrf csrf;

    @Inject
    @Location("sign-in.html")
    Template page;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form(@RestQuery String role, @RestQuery String networks, @RestQuery String staff,
            @RestQuery String next) {
        requireEnabled();
        return page.data("roles", ROLES).data("role", role == null ? SignedInUser.PCN_MANAGER : role)
                .data("networks", networks == null ? "" : networks).data("staff", staff == null ? "" : staff)
                .data("next", safeNext(next)).data("error", null).data("errorField", null).data("user", null);
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@RestForm String role, @RestForm String networks, @RestForm String staff,
            @RestForm String next, @RestForm(Csrf.FIELD) String csrfToken) {
        requireEnabled();
        csrf.require(csrfToken);
        String staffReference = staff == null ? "" : staff.strip();
        List<String> codes = networks == null ? List.of()
                : Arrays.stream(networks.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
                        .map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList();
        String error = !ROLES.contains(role) ? "Choose a role"
                : codes.stream().anyMatch(c -> !c.matches("[A-Z0-9]{3,10}"))
                        ? "Enter network ODS codes like U45102, separated by commas"
                        : needsNetworks(role) && codes.isEmpty() ? "Enter the networks a " + role + " works for"
                                : null;
        String staffError = error == null && !staffReference.isEmpty() && !STAFF_REFERENCE.matcher(staffReference)
                .matches() ? "Enter the staff reference on your workforce appointment, like SPLW-0001 (letters, "
                        + "digits, space . _ / -, at most 50)" : null;
        if (error != null || staffError != null) {
            return Response.status(400).entity(page.data("roles", ROLES).data("role", role).data("networks", networks)
                    .data("staff", staff).data("next", safeNext(next)).data("error", error != null ? error : staffError)
                    .data("errorField", error != null ? "networks" : "staff").data("user", null)).build();
        }
        String subject = "local-" + role + (codes.isEmpty() ? "" : "-" + String.join("-", codes))
                + (staffReference.isEmpty() ? "" : "-" + staffReference.replaceAll("[^A-Za-z0-9._-]", "_"));
        String token = devSignIn.sign(subject, Set.of(role), codes,
                staffReference.isEmpty() ? List.of() : List.of(staffReference));
        String target = safeNext(next);
        if (target.isEmpty()) {
            target = Home.of(TokenClaims.user(token));
        }
        return Response.seeOther(URI.create(target))
                .cookie(new NewCookie.Builder(DevSignIn.COOKIE).value(token).path("/").httpOnly(true)
                        .sameSite(NewCookie.SameSite.LAX).maxAge((int) DevSignIn.LIFETIME.toSeconds()).build())
                .build();
    }

    /** As workforce-service accepts an appointment's staff reference. */
    static final java.util.regex.Pattern STAFF_REFERENCE = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9 ._/-]{0,49}");

    static boolean needsNetworks(String role) {
        return !role.equals(SignedInUser.COMMISSIONER) && !role.equals(SignedInUser.FINANCE);
    }

    /** Only a path on this site, never another site (no open redirect). */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "";
    }

    private void requireEnabled() {
        if (!devSignIn.enabled()) {
            throw new NotFoundException();
        }
    }
}
