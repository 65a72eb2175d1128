package uk.nhs.pcn.portal.pages;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import uk.nhs.pcn.portal.signin.DevSignIn;
import uk.nhs.pcn.portal.signin.NotSignedInException;
import uk.nhs.pcn.portal.signin.Session;

/** Error pages: HTML a person can act on, with the right status, never a stack trace. */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @Inject
    @Location("error.html")
    Template page;

    @Inject
    DevSignIn devSignIn;

    @Inject
    Session session;

    @ServerExceptionMapper
    public Response page(PageException e) {
        return render(e.status(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response notSignedIn(NotSignedInException e) {
        String next = URLEncoder.encode(e.returnTo(), StandardCharsets.UTF_8);
        return Response.seeOther(URI.create(devSignIn.enabled() ? "/dev/sign-in?next=" + next : "/sign-in?next=" + next))
                .build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return render(404, "Page not found", "There is no page at this address. Check it, or start from the home page.");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status < 500) {
            return render(status, "This request cannot be answered", "The request was not understood (HTTP " + status
                    + "). Go back and try again.");
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Page failed", e);
        return render(500, "Sorry, there is a problem with the service",
                "The page could not be shown. Try again later; if it keeps happening, tell the service desk the time.");
    }

    private Response render(int status, String title, String message) {
        var user = safeUser();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.data("status", status).data("title", title).data("message", message).data("user", user)
                        .render())
                .build();
    }

    private Object safeUser() {
        try {
            return session.user().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
