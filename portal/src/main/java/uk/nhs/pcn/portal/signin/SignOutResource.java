package uk.nhs.pcn.portal.signin;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

/** Ends the local session. (With OpenID Connect, quarkus.oidc.logout.path ends the provider's session too.) */
@Path("/sign-out")
public class SignOutResource {

    @Inject
    Csrf csrf;

    @POST
    public Response signOut(@RestForm(Csrf.FIELD) String csrfToken) {
        csrf.require(csrfToken);
        return Response.seeOther(URI.create("/"))
                .cookie(new NewCookie.Builder(DevSignIn.COOKIE).value("").path("/").maxAge(0).httpOnly(true).build())
                .build();
    }
}
