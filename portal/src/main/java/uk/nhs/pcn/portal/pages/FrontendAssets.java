package uk.nhs.pcn.portal.pages;

import java.io.InputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

/**
 * GOV.UK Frontend's stylesheet asks for its fonts and images at {@code /assets/...}; they are in the webjar (the
 * stylesheet and script themselves are served by Quarkus at {@code /webjars/govuk-frontend/<version>/dist/govuk/}).
 */
@Path("/assets")
public class FrontendAssets {

    static final String ROOT = "META-INF/resources/webjars/govuk-frontend/5.14.0/dist/govuk/assets/";

    @GET
    @Path("{kind: fonts|images|rebrand}/{file: [A-Za-z0-9._/-]+}")
    public Response asset(@RestPath String kind, @RestPath String file) {
        if (file.contains("..")) {
            return Response.status(404).build();
        }
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(ROOT + kind + "/" + file);
        if (in == null) {
            return Response.status(404).build();
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86400);
        String type = file.endsWith(".woff2") ? "font/woff2" : file.endsWith(".woff") ? "font/woff"
                : file.endsWith(".svg") ? "image/svg+xml" : file.endsWith(".png") ? "image/png"
                        : file.endsWith(".ico") ? "image/x-icon" : "application/octet-stream";
        return Response.ok(in, type).cacheControl(cache).build();
    }
}
