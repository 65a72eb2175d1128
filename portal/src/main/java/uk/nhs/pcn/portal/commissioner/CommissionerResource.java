package uk.nhs.pcn.portal.commissioner;

import static uk.nhs.pcn.portal.view.Format.count;
import static uk.nhs.pcn.portal.view.Format.money;
import static uk.nhs.pcn.portal.view.Format.number;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import uk.nhs.pcn.portal.live.Changes;
import uk.nhs.pcn.portal.network.FinancialYears;
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
 * A commissioner's networks in one sortable table ({@code /commissioners/{code}}), and every network nationally for
 * a commissioner or finance analyst ({@code /commissioners/all}): population and size warning from the registry, ARRS
 * claimed against the sum and money this year from funding, referrals waiting from the referral service.
 */
@Path("/commissioners")
public class CommissionerResource {

    static final String NATIONAL = "all";
    /** Above this many networks the page leaves out referrals waiting (one referral-service call per network). */
    static final int MAX_NETWORKS_WITH_REFERRALS = 60;

    @Inject
    Session session;

    @Inject
    ServiceCalls services;

    @Inject
    Changes changes;

    @Inject
    @Location("commissioner.html")
    Template page;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response choose() {
        session.require();
        return Response.seeOther(java.net.URI.create("/commissioners/" + NATIONAL)).build();
    }

    @GET
    @Path("/{code}")
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestPath String code) {
        SignedInUser user = session.require();
        CommissionerView view = build(user, code);
        return page.data("view", view).data("user", user).data("csvBase", "/commissioners/" + view.code());
    }

    @GET
    @Path("/{code}/tables/{table}.csv")
    @Blocking
    @Produces("text/csv")
    public Response csv(@RestPath String code, @RestPath String table) {
        CommissionerView view = build(session.require(), code);
        if (!view.table().id().equals(table)) {
            throw PageException.notFound("The commissioner page has no table " + table + ".");
        }
        return Response.ok(Csv.of(view.table()), "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"commissioner-" + view.code() + "-networks-" + LocalDate.now() + ".csv\"")
                .build();
    }

    /**
     * A change to one of the commissioner's networks (any network, on the national page): the page refreshes itself
     * (the script waits a moment to gather a burst).
     */
    @GET
    @Path("/{code}/changes")
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> changes(@RestPath String code) {
        SignedInUser user = session.require();
        requireSeesEveryNetwork(user);
        String commissioner = commissionerCode(code);
        Multi<String> ours;
        if (commissioner.equals(NATIONAL)) {
            if (!user.hasRole(SignedInUser.FINANCE) && !user.hasRole(SignedInUser.COMMISSIONER)) {
                throw PageException.forbidden("Only a commissioner or finance analyst sees every network.");
            }
            ours = changes.all();
        } else {
            List<String> networks = new ArrayList<>();
            listNetworks(user, "&commissioner=" + URLEncoder.encode(commissioner, StandardCharsets.UTF_8))
                    .forEach(n -> networks.add(n.path("code").asText()));
            ours = new CommissionerChanges(networks, network -> services.get(PlatformApi.REGISTRY,
                    "/api/v1/networks/" + network, user.token()).thenApply(a -> a.ok() && commissioner.equals(
                            a.body().path("commissionerCode").asText()))).filter(changes.changes());
        }
        return Multi.createBy().merging().streams(ours,
                Multi.createFrom().ticks().every(Duration.ofSeconds(20)).map(t -> "ping"));
    }

    private static String commissionerCode(String rawCode) {
        String code = rawCode == null ? "" : rawCode.trim().toUpperCase(java.util.Locale.ROOT);
        if (code.equalsIgnoreCase(NATIONAL)) {
            return NATIONAL;
        }
        if (!code.matches("[A-Z0-9]{3,5}")) {
            throw PageException.notFound("'" + rawCode + "' is not a commissioner code (like 00C or 15N).");
        }
        return code;
    }

    /** The registry's networks (every page of them), or those it gave before it stopped answering. */
    private List<JsonNode> listNetworks(SignedInUser user, String filter) {
        List<JsonNode> networks = new ArrayList<>();
        for (int pageNumber = 0; pageNumber < 10; pageNumber++) {
            Answer registry = services.get(PlatformApi.REGISTRY, "/api/v1/networks?size=500&page=" + pageNumber
                    + filter, user.token()).join();
            if (!registry.ok()) {
                break;
            }
            registry.body().path("items").forEach(networks::add);
            if (pageNumber + 1 >= registry.body().path("totalPages").asInt()) {
                break;
            }
        }
        return networks;
    }

    CommissionerView build(SignedInUser user, String rawCode) {
        requireSeesEveryNetwork(user);
        String code = rawCode == null ? "" : rawCode.trim().toUpperCase(java.util.Locale.ROOT);
        boolean national = code.equalsIgnoreCase(NATIONAL);
        if (!national && !code.matches("[A-Z0-9]{3,5}")) {
            throw PageException.notFound("'" + rawCode + "' is not a commissioner code (like 00C or 15N).");
        }
        if (national && !user.hasRole(SignedInUser.FINANCE) && !user.hasRole(SignedInUser.COMMISSIONER)) {
            throw PageException.forbidden("Only a commissioner or finance analyst sees every network.");
        }
        String filter = national ? "" : "&commissioner=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
        String fy = FinancialYears.of(LocalDate.now());
        String fyParam = URLEncoder.encode(fy, StandardCharsets.UTF_8);
        String token = user.token();
        List<JsonNode> networks = new ArrayList<>();
        Answer registry = null;
        for (int pageNumber = 0; pageNumber < 10; pageNumber++) {
            registry = services.get(PlatformApi.REGISTRY, "/api/v1/networks?size=500&page=" + pageNumber + filter, token)
                    .join();
            if (!registry.ok()) {
                break;
            }
            registry.body().path("items").forEach(networks::add);
            if (pageNumber + 1 >= registry.body().path("totalPages").asInt()) {
                break;
            }
        }
        String name = national ? "Every network in England" : "Commissioner " + code;
        if (registry == null || !registry.ok()) {
            if (registry != null && registry.forbidden()) {
                throw PageException.forbidden("The registry does not let your sign-in list networks.");
            }
            return new CommissionerView(national ? NATIONAL : code, name, fy, Panel.missing("networks", "Networks",
                    registry), emptyTable(), List.of());
        }
        CompletableFuture<Answer> arrs = services.get(PlatformApi.FUNDING, "/api/v1/arrs?financialYear=" + fyParam
                + filter, token);
        CompletableFuture<Answer> entitlements = services.get(PlatformApi.FUNDING, "/api/v1/entitlements?financialYear="
                + fyParam + filter, token);
        Map<String, CompletableFuture<Answer>> caseloads = new HashMap<>();
        // Referral-service answers one network at a time: a commissioner's few dozen, not the whole country.
        boolean withReferrals = networks.size() <= MAX_NETWORKS_WITH_REFERRALS;
        for (JsonNode n : withReferrals ? networks : List.<JsonNode>of()) {
            String network = n.path("code").asText();
            caseloads.put(network, services.get(PlatformApi.REFERRAL, "/api/v1/networks/" + network + "/caseload",
                    token));
        }
        Answer arrsAnswer = arrs.join();
        Answer entitlementAnswer = entitlements.join();
        Map<String, JsonNode> budgets = index(arrsAnswer, null, "networkCode");
        Map<String, JsonNode> money = index(entitlementAnswer, "entitlements", "networkCode");
        List<String> notes = new ArrayList<>();
        for (Answer a : List.of(arrsAnswer, entitlementAnswer)) {
            if (!a.ok()) {
                notes.add(Panel.missing("funding", "Money", a).unavailable());
            }
        }
        Table.Builder table = Table.builder("networks", (national ? "Every network" : "Networks of commissioner " + code)
                + ", " + fy).column("Network").column("ODS code").numeric("Registered patients")
                .column("Size against guidance").numeric("ARRS claimed").numeric("ARRS sum")
                .numeric("Referrals waiting").numeric("Money this year").column("Incomplete figures");
        boolean referralDown = false;
        for (JsonNode n : networks) {
            String network = n.path("code").asText();
            long registered = n.path("population").path("registeredPatients").asLong();
            List<String> warnings = new ArrayList<>();
            n.path("warnings").forEach(w -> warnings.add(w.path("message").asText()));
            JsonNode budget = budgets.get(network);
            JsonNode entitlement = money.get(network);
            Answer caseload = withReferrals ? caseloads.get(network).join() : null;
            referralDown |= caseload != null && caseload.unavailable();
            List<String> incomplete = new ArrayList<>();
            if (entitlement != null && entitlement.path("incomplete").asBoolean()) {
                incomplete.add(entitlement.path("unavailableLines").asInt() + " payment line(s) without a figure");
            }
            if (n.path("population").path("practicesWithoutListSize").asInt() > 0) {
                incomplete.add(n.path("population").path("practicesWithoutListSize").asInt()
                        + " practice(s) without a list size");
            }
            BigDecimal claimed = budget == null ? null : number(budget.path("claimsToDate"));
            BigDecimal sum = budget == null ? null : number(budget.path("arrsSum"));
            BigDecimal total = entitlement == null ? null : number(entitlement.path("total"));
            table.row(Cell.link(n.path("name").asText(network), "/networks/" + network), Cell.text(network),
                    Cell.number(BigDecimal.valueOf(registered), count(registered)),
                    Cell.text(warnings.isEmpty() ? "Within guidance" : String.join("; ", warnings)),
                    claimed == null ? Cell.text("Not available") : Cell.number(claimed, money(claimed)),
                    sum == null ? Cell.text("Not available") : Cell.number(sum, money(sum)),
                    caseload == null ? Cell.text("On the network's page")
                            : caseload.ok() ? Cell.number(number(caseload.body().path("queue").path("waiting")),
                                    count(caseload.body().path("queue").path("waiting").asLong()))
                                    : Cell.text(caseload.forbidden() ? "Not shown to your role" : "Not available"),
                    total == null ? Cell.text("Not available") : Cell.number(total, money(total)),
                    Cell.text(incomplete.isEmpty() ? "None" : String.join("; ", incomplete)));
        }
        if (!withReferrals) {
            notes.add("Referrals waiting are shown for up to " + MAX_NETWORKS_WITH_REFERRALS + " networks at a time: "
                    + "open a commissioner's page, or a network's.");
        }
        if (referralDown) {
            notes.add("referral-service is not answering: referrals waiting are not shown for some networks.");
        }
        return new CommissionerView(national ? NATIONAL : code, name, fy, null, table.build(), notes);
    }

    private static Table emptyTable() {
        return Table.builder("networks", "Networks").column("Network").build();
    }

    private static Map<String, JsonNode> index(Answer answer, String field, String key) {
        Map<String, JsonNode> byCode = new HashMap<>();
        if (answer.ok()) {
            JsonNode list = field == null ? answer.body() : answer.body().path(field);
            if (list.isObject() && list.has("items")) {
                list = list.path("items");
            }
            list.forEach(item -> byCode.put(item.path(key).asText(), item));
        }
        return byCode;
    }

    private static void requireSeesEveryNetwork(SignedInUser user) {
        if (!user.seesEveryNetwork()) {
            throw PageException.forbidden("The commissioner page is for commissioners and finance analysts; your "
                    + "sign-in covers " + (user.networks().isEmpty() ? "no network" : "network " + String.join(", ",
                            user.networks())) + ".");
        }
    }
}
