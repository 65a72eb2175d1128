package uk.nhs.pcn.portal.caseload;

import static uk.nhs.pcn.portal.view.Format.date;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import uk.nhs.pcn.portal.pages.PageException;
import uk.nhs.pcn.portal.services.Answer;
import uk.nhs.pcn.portal.services.PlatformApi;
import uk.nhs.pcn.portal.services.ServiceCalls;
import uk.nhs.pcn.portal.signin.Session;
import uk.nhs.pcn.portal.signin.SignedInUser;
import uk.nhs.pcn.portal.view.Csv;
import uk.nhs.pcn.portal.view.Panel;
import uk.nhs.pcn.portal.view.Table;
import uk.nhs.pcn.portal.view.Table.Cell;

/**
 * The link worker's page ({@code /caseload}): the referrals of their networks (optionally one link worker's) with
 * the next step each needs, without the person's details; opening one ({@code /caseload/referrals/{id}}) is a
 * patient-identifiable read that referral-service records in its access audit.
 */
@Path("/caseload")
public class CaseloadResource {

    @Inject
    Session session;

    @Inject
    ServiceCalls services;

    @Inject
    @Location("caseload.html")
    Template page;

    @Inject
    @Location("referral.html")
    Template referralPage;

    /** What the referral page shows of one referral (the person's details: an audited read). */
    @io.quarkus.qute.TemplateData
    public record ReferralDetails(String name, String nhsNumber, String practice, String state, String nextSteps,
            String received) {

        static ReferralDetails of(JsonNode r) {
            JsonNode person = r.path("person");
            List<String> next = new ArrayList<>();
            r.path("nextSteps").forEach(n -> next.add(n.asText().replace('_', ' ').toLowerCase()));
            return new ReferralDetails(person.path("givenName").asText("") + " " + person.path("familyName").asText(""),
                    person.path("nhsNumber").asText(""), r.path("practiceCode").asText(), r.path("state").asText(),
                    next.isEmpty() ? "None" : String.join(", ", next), date(r.path("receivedAt").asText("")));
        }
    }

    @GET
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance caseload(@RestQuery String linkWorker) {
        SignedInUser user = session.require();
        List<Panel> panels = panels(user, linkWorker);
        return page.data("user", user).data("panels", panels).data("csvBase", "/caseload")
                .data("linkWorker", linkWorker == null ? "" : linkWorker);
    }

    @GET
    @Path("/tables/{table}.csv")
    @Blocking
    @Produces("text/csv")
    public Response csv(@RestPath String table, @RestQuery String linkWorker) {
        SignedInUser user = session.require();
        Table found = panels(user, linkWorker).stream().flatMap(p -> p.tables().stream())
                .filter(t -> t.id().equals(table)).findFirst()
                .orElseThrow(() -> PageException.notFound("The caseload page has no table " + table + "."));
        return Response.ok(Csv.of(found), "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"caseload-" + table + "-" + LocalDate.now() + ".csv\"").build();
    }

    @GET
    @Path("/referrals/{id}")
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance referral(@RestPath String id) {
        SignedInUser user = session.require();
        if (!id.matches("[0-9a-fA-F-]{36}")) {
            throw PageException.notFound("There is no referral " + id + ".");
        }
        Answer answer = services.get(PlatformApi.REFERRAL, "/api/v1/referrals/" + id, user.token()).join();
        if (answer.forbidden()) {
            throw PageException.forbidden("Your sign-in does not allow you to open this referral.");
        }
        if (answer.notFound()) {
            throw PageException.notFound("There is no referral " + id + ".");
        }
        if (!answer.ok()) {
            return referralPage.data("user", user).data("referral", null)
                    .data("missing", Panel.missing("referral", "Referral", answer).unavailable());
        }
        return referralPage.data("user", user).data("referral", ReferralDetails.of(answer.body())).data("missing", null);
    }

    List<Panel> panels(SignedInUser user, String linkWorker) {
        if (!user.hasRole(SignedInUser.LINK_WORKER) || user.networks().isEmpty()) {
            throw PageException.forbidden("The caseload page is for social prescribing link workers; your sign-in "
                    + "has the role " + user.rolesText() + ".");
        }
        String filter = linkWorker == null || linkWorker.isBlank() ? ""
                : "?appointmentId=" + URLEncoder.encode(linkWorker, StandardCharsets.UTF_8);
        Map<String, CompletableFuture<Answer>> lists = new LinkedHashMap<>();
        for (String network : user.networks()) {
            lists.put(network, services.get(PlatformApi.REFERRAL, "/api/v1/networks/" + network + "/referrals" + filter,
                    user.token()));
        }
        List<Panel> panels = new ArrayList<>();
        lists.forEach((network, future) -> {
            Answer answer = future.join();
            String id = "referrals-" + network.toLowerCase(java.util.Locale.ROOT);
            String title = "Referrals in network " + network;
            if (!answer.ok()) {
                panels.add(Panel.missing(id, title, answer));
                return;
            }
            Table.Builder table = Table.builder(id, title).column("Received").column("Practice").column("Needs")
                    .column("Age band").column("Step").column("Next step").column("Waiting");
            for (JsonNode r : answer.body()) {
                List<String> needs = new ArrayList<>();
                r.path("needs").forEach(n -> needs.add(n.asText().replace('_', ' ').toLowerCase()));
                List<String> next = new ArrayList<>();
                r.path("nextSteps").forEach(n -> next.add(n.asText().replace('_', ' ').toLowerCase()));
                String received = r.path("receivedAt").asText("");
                table.row(new Cell(date(received), received, "/caseload/referrals/" + r.path("id").asText()),
                        Cell.text(r.path("practiceCode").asText()), Cell.text(String.join(", ", needs)),
                        Cell.text(r.path("ageBand").asText("")), Cell.text(r.path("state").asText()),
                        Cell.text(next.isEmpty() ? "None" : String.join(", ", next)),
                        Cell.text(r.path("overdueForAcceptance").asBoolean() ? "Overdue for acceptance"
                                : r.hasNonNull("queuedSince") ? "In the queue since " + date(r.path("queuedSince")
                                        .asText()) : ""));
            }
            Table built = table.build();
            panels.add(Panel.of(id, title, PlatformApi.REFERRAL.serviceName(),
                    List.of(new Panel.Fact(id + "-count", "Referrals", Integer.toString(built.rows().size()))),
                    List.of(), List.of(built), List.of("Opening a referral shows the person's details; the "
                            + "referral service records that you opened it.")));
        });
        return panels;
    }
}
