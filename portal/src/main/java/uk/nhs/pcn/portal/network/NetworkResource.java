package uk.nhs.pcn.portal.network;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import uk.nhs.pcn.portal.live.Changes;
import uk.nhs.pcn.portal.pages.PageException;
import uk.nhs.pcn.portal.signin.Session;
import uk.nhs.pcn.portal.signin.SignedInUser;
import uk.nhs.pcn.portal.view.Csv;

/** The network page ({@code /networks/{code}}), its tables as CSV, and its stream of changes. */
@Path("/networks/{code}")
public class NetworkResource {

    @Inject
    Session session;

    @Inject
    NetworkPageBuilder builder;

    @Inject
    Changes changes;

    @Inject
    @Location("network.html")
    Template page;

    @GET
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestPath String code, @RestQuery String asAt, @RestQuery String panels) {
        SignedInUser user = session.require();
        NetworkPage network = build(user, code, asAt, panels);
        return page.data("page", network).data("user", user).data("csvBase", "/networks/" + network.code());
    }

    @GET
    @Path("/tables/{table}.csv")
    @Blocking
    @Produces("text/csv")
    public Response csv(@RestPath String code, @RestPath String table, @RestQuery String asAt) {
        SignedInUser user = session.require();
        NetworkPage network = build(user, code, asAt, null);
        var found = network.table(table).orElseThrow(() -> PageException.notFound("The network page has no table "
                + table + "."));
        return Response.ok(Csv.of(found), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + network.code() + "-" + table + "-"
                        + network.asAt() + ".csv\"")
                .build();
    }

    /**
     * Server-sent events: one {@code data:} line naming the panel (registry, workforce, referral, funding) whenever an
     * event for this network arrives on a public topic; a comment-free {@code ping} every 20 s keeps proxies from
     * closing the stream. The events carry no data, only what changed: the page fetches itself again.
     */
    @GET
    @Path("/changes")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> changes(@RestPath String code) {
        SignedInUser user = session.require();
        if (!user.covers(code)) {
            throw PageException.forbidden("Your sign-in does not cover network " + code + ".");
        }
        return Multi.createBy().merging().streams(changes.forNetwork(code),
                Multi.createFrom().ticks().every(Duration.ofSeconds(20)).map(t -> "ping"));
    }

    /** {@code panels}: a comma-separated subset (registry, workforce, referral, funding), for the live refresh. */
    private NetworkPage build(SignedInUser user, String code, String asAt, String panels) {
        String network = code == null ? "" : code.trim().toUpperCase(java.util.Locale.ROOT);
        if (!network.matches("[A-Z0-9]{3,10}")) {
            throw PageException.notFound("'" + code + "' is not a network ODS code (like U45102).");
        }
        LocalDate date = LocalDate.now();
        boolean today = true;
        if (asAt != null && !asAt.isBlank()) {
            try {
                date = LocalDate.parse(asAt.trim());
                today = date.equals(LocalDate.now());
            } catch (DateTimeParseException e) {
                throw new PageException(400, "Enter a real date", "The 'as at' date must be a date like 2026-01-01, "
                        + "not '" + asAt + "'.");
            }
        }
        java.util.Set<String> only = panels == null || panels.isBlank() ? java.util.Set.of()
                : java.util.Arrays.stream(panels.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                        .collect(java.util.stream.Collectors.toSet());
        return builder.build(user, network, date, today, only);
    }
}
