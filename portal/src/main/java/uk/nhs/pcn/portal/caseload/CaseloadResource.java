package uk.nhs.pcn.portal.caseload;

import static uk.nhs.pcn.portal.view.Format.date;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

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

/**
 * The link worker's page ({@code /caseload}): their own referrals (see {@link CaseloadPanels}) with the next step each
 * needs, without the person's details; opening one ({@code /caseload/referrals/{id}}) is a patient-identifiable read
 * that referral-service records in its access audit, with the reason {@value #READ_REASON}.
 */
@Path("/caseload")
public class CaseloadResource {

    /** Sent as referral-service's {@code X-Access-Reason}: kept in its access audit beside who read what, when. */
    public static final String READ_REASON = "Opened from the link worker's caseload page (PCN portal)";

    @Inject
    Session session;

    @Inject
    ServiceCalls services;

    @Inject
    CaseloadPanels caseload;

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
            r.path("nextSteps").forEach(n -> next.add(n.asText()));
            return new ReferralDetails(person.path("givenName").asText("") + " " + person.path("familyName").asText(""),
                    person.path("nhsNumber").asText(""), r.path("practiceCode").asText(), r.path("state").asText(),
                    NextStep.of(next, r.path("overdueForAcceptance").asBoolean()),
                    date(r.path("receivedAt").asText("")));
        }
    }

    @GET
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance caseload() {
        SignedInUser user = session.require();
        return page.data("user", user).data("panels", caseload.of(user)).data("csvBase", "/caseload")
                .data("own", !user.staffReferences().isEmpty());
    }

    @GET
    @Path("/tables/{table}.csv")
    @Blocking
    @Produces("text/csv")
    public Response csv(@RestPath String table) {
        SignedInUser user = session.require();
        Table found = caseload.of(user).stream().flatMap(p -> p.tables().stream())
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
        Answer answer = services.get(PlatformApi.REFERRAL, "/api/v1/referrals/" + id, user.token(),
                Map.of("X-Access-Reason", READ_REASON)).join();
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
}
