package uk.nhs.pcn.portal.pages;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import uk.nhs.pcn.portal.signin.DevSignIn;
import uk.nhs.pcn.portal.signin.Home;
import uk.nhs.pcn.portal.signin.Session;

/** The home page: links to the pages the signed-in user can open; and /sign-in, where OpenID Connect starts. */
@Path("/")
public class HomeResource {

    @Inject
    Session session;

    @Inject
    DevSignIn devSignIn;

    @Inject
    @Location("home.html")
    Template home;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        return home.data("user", session.user().orElse(null)).data("devSignIn", devSignIn.enabled())
                .data("title", "PCN operations");
    }

    /**
     * In production this path requires authentication, so quarkus-oidc runs the authorization code flow before it is
     * reached; then it sends the user on.
     */
    @GET
    @Path("sign-in")
    public Response signIn(@RestQuery String next) {
        var user = session.user();
        if (user.isEmpty()) {
            return Response.seeOther(URI.create(devSignIn.enabled() ? "/dev/sign-in" : "/")).build();
        }
        boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\");
        return Response.seeOther(URI.create(local ? next : Home.of(user.get()))).build();
    }
}
