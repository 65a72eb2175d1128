package uk.nhs.pcn.portal.caseload;

import static uk.nhs.pcn.portal.view.Format.date;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.portal.pages.PageException;
import uk.nhs.pcn.portal.services.Answer;
import uk.nhs.pcn.portal.services.PlatformApi;
import uk.nhs.pcn.portal.services.ServiceCalls;
import uk.nhs.pcn.portal.signin.SignedInUser;
import uk.nhs.pcn.portal.view.Panel;
import uk.nhs.pcn.portal.view.Table;
import uk.nhs.pcn.portal.view.Table.Cell;

/**
 * The link worker's referrals, one panel per network their sign-in names, without the person's details.
 * <p>
 * referral-service assigns each referral to a link worker's workforce appointment ({@code appointmentId}), and its
 * network caseload names each appointment's staff reference. A sign-in whose token names the holder's own staff
 * references ({@code pcn_staff}) sees the referrals of their own appointments, with the next step each needs. A token
 * without that claim (older development tokens, a provider that does not send it) still works: it sees every referral
 * of its networks, and the page says why.
 */
@ApplicationScoped
public class CaseloadPanels {

    static final String NOTE_OPEN = "Opening a referral shows the person's details; the referral service records "
            + "that you opened it.";

    @Inject
    ServiceCalls services;

    public List<Panel> of(SignedInUser user) {
        if (!user.hasRole(SignedInUser.LINK_WORKER) || user.networks().isEmpty()) {
            throw PageException.forbidden("The caseload page is for social prescribing link workers; your sign-in "
                    + "has the role " + user.rolesText() + ".");
        }
        return user.staffReferences().isEmpty() ? everyReferral(user) : own(user);
    }

    /** The referrals assigned to the appointments whose staff reference is the signed-in person's. */
    private List<Panel> own(SignedInUser user) {
        Map<String, CompletableFuture<Answer>> caseloads = new LinkedHashMap<>();
        for (String network : user.networks()) {
            caseloads.put(network, services.get(PlatformApi.REFERRAL, "/api/v1/networks/" + network + "/caseload",
                    user.token()));
        }
        List<Panel> panels = new ArrayList<>();
        caseloads.forEach((network, future) -> {
            String id = id(network);
            String title = "Your referrals in network " + network;
            Answer caseload = future.join();
            if (!caseload.ok()) {
                panels.add(Panel.missing(id, title, caseload));
                return;
            }
            List<JsonNode> mine = new ArrayList<>();
            caseload.body().path("linkWorkers").forEach(w -> {
                if (user.staffReferences().contains(w.path("staffReference").asText())) {
                    mine.add(w);
                }
            });
            List<CompletableFuture<Answer>> lists = mine.stream().map(w -> services.get(PlatformApi.REFERRAL,
                    "/api/v1/networks/" + network + "/referrals?appointmentId=" + URLEncoder.encode(w.path(
                            "appointmentId").asText(), StandardCharsets.UTF_8), user.token())).toList();
            List<JsonNode> referrals = new ArrayList<>();
            for (CompletableFuture<Answer> list : lists) {
                Answer answer = list.join();
                if (!answer.ok()) {
                    panels.add(Panel.missing(id, title, answer));
                    return;
                }
                answer.body().forEach(referrals::add);
            }
            referrals.sort(Comparator.comparing((JsonNode r) -> r.path("receivedAt").asText()).reversed());
            int open = mine.stream().mapToInt(w -> w.path("openReferrals").asInt()).sum();
            int capacity = mine.stream().mapToInt(w -> w.path("capacity").asInt()).sum();
            long toAccept = referrals.stream().filter(r -> "RECEIVED".equals(r.path("state").asText())).count();
            List<String> notes = new ArrayList<>();
            if (mine.isEmpty()) {
                notes.add("Network " + network + " has no link worker appointment with your staff reference ("
                        + String.join(", ", user.staffReferences()) + "). If you work there, ask your PCN manager "
                        + "to check the staff reference on your appointment.");
            }
            notes.add(NOTE_OPEN);
            panels.add(Panel.of(id, title, PlatformApi.REFERRAL.serviceName(), List.of(
                    new Panel.Fact(id + "-open", "Your open referrals", open + (capacity > 0 ? " of a capacity of "
                            + capacity + " a year" : "")),
                    new Panel.Fact(id + "-to-accept", "Waiting for you to accept or decline", Long.toString(toAccept))),
                    List.of(), List.of(table(id, "Referrals assigned to you in network " + network, referrals)), notes));
        });
        return panels;
    }

    /** A token that names no staff reference: every referral of its networks, as before the claim existed. */
    private List<Panel> everyReferral(SignedInUser user) {
        Map<String, CompletableFuture<Answer>> lists = new LinkedHashMap<>();
        for (String network : user.networks()) {
            lists.put(network, services.get(PlatformApi.REFERRAL, "/api/v1/networks/" + network + "/referrals",
                    user.token()));
        }
        List<Panel> panels = new ArrayList<>();
        lists.forEach((network, future) -> {
            Answer answer = future.join();
            String id = id(network);
            String title = "Referrals in network " + network;
            if (!answer.ok()) {
                panels.add(Panel.missing(id, title, answer));
                return;
            }
            List<JsonNode> referrals = new ArrayList<>();
            answer.body().forEach(referrals::add);
            Table built = table(id, title, referrals);
            panels.add(Panel.of(id, title, PlatformApi.REFERRAL.serviceName(),
                    List.of(new Panel.Fact(id + "-count", "Referrals", Integer.toString(built.rows().size()))),
                    List.of(), List.of(built), List.of("Your sign-in does not name your staff reference, so this "
                            + "lists every referral in the network, not only yours.", NOTE_OPEN)));
        });
        return panels;
    }

    private static Table table(String id, String caption, List<JsonNode> referrals) {
        Table.Builder table = Table.builder(id, caption).column("Received").column("Practice").column("Needs")
                .column("Age band").column("Step").column("Next step").column("Waiting");
        for (JsonNode r : referrals) {
            List<String> needs = new ArrayList<>();
            r.path("needs").forEach(n -> needs.add(n.asText().replace('_', ' ').toLowerCase(Locale.ROOT)));
            List<String> next = new ArrayList<>();
            r.path("nextSteps").forEach(n -> next.add(n.asText()));
            String received = r.path("receivedAt").asText("");
            boolean overdue = r.path("overdueForAcceptance").asBoolean();
            table.row(new Cell(date(received), received, "/caseload/referrals/" + r.path("id").asText()),
                    Cell.text(r.path("practiceCode").asText()), Cell.text(String.join(", ", needs)),
                    Cell.text(r.path("ageBand").asText("")), Cell.text(step(r.path("state").asText())),
                    Cell.text(NextStep.of(next, overdue)),
                    Cell.text(overdue ? "Overdue for acceptance" : r.hasNonNull("queuedSince")
                            ? "In the queue since " + date(r.path("queuedSince").asText()) : ""));
        }
        return table.build();
    }

    private static String step(String state) {
        String words = state.replace('_', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? "" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String id(String network) {
        return "referrals-" + network.toLowerCase(Locale.ROOT);
    }
}
