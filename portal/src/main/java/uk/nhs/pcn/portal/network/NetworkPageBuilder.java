package uk.nhs.pcn.portal.network;

import static uk.nhs.pcn.portal.view.Format.count;
import static uk.nhs.pcn.portal.view.Format.date;
import static uk.nhs.pcn.portal.view.Format.decimal;
import static uk.nhs.pcn.portal.view.Format.money;
import static uk.nhs.pcn.portal.view.Format.number;
import static uk.nhs.pcn.portal.view.Format.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import uk.nhs.pcn.portal.pages.PageException;
import uk.nhs.pcn.portal.services.Answer;
import uk.nhs.pcn.portal.services.PlatformApi;
import uk.nhs.pcn.portal.services.ServiceCalls;
import uk.nhs.pcn.portal.signin.SignedInUser;
import uk.nhs.pcn.portal.view.BarChart;
import uk.nhs.pcn.portal.view.Panel;
import uk.nhs.pcn.portal.view.Panel.Fact;
import uk.nhs.pcn.portal.view.Table;
import uk.nhs.pcn.portal.view.Table.Cell;

/**
 * Builds the network page from the four services' answers, all asked at once with the user's token. The registry
 * decides whether the network exists; each other service fills only its own panel.
 */
@ApplicationScoped
public class NetworkPageBuilder {

    @Inject
    ServiceCalls services;

    @ConfigProperty(name = "pcn.portal.population-guidance.minimum", defaultValue = "30000")
    long guidanceMinimum;

    @ConfigProperty(name = "pcn.portal.population-guidance.maximum", defaultValue = "50000")
    long guidanceMaximum;

    public NetworkPage build(SignedInUser user, String code, LocalDate asAt, boolean today) {
        return build(user, code, asAt, today, Set.of());
    }

    /**
     * The page, or only the panels named in {@code only} (the live refresh asks for the panels whose service
     * announced a change, so a change costs only that service's calls).
     */
    public NetworkPage build(SignedInUser user, String code, LocalDate asAt, boolean today, Set<String> only) {
        if (!user.covers(code)) {
            throw PageException.forbidden("Your sign-in covers " + (user.networks().isEmpty() ? "no network"
                    : "network " + String.join(", ", user.networks())) + ", not " + code
                    + ". Ask your commissioner for access if you need to see this network.");
        }
        boolean registryPanel = wanted(only, PlatformApi.REGISTRY);
        boolean workforcePanel = wanted(only, PlatformApi.WORKFORCE);
        boolean referralPanel = wanted(only, PlatformApi.REFERRAL);
        boolean fundingPanel = wanted(only, PlatformApi.FUNDING);
        String fy = FinancialYears.of(asAt);
        String fyParam = URLEncoder.encode(fy, StandardCharsets.UTF_8);
        String token = user.token();
        String base = "/api/v1/networks/" + code;
        CompletableFuture<Answer> network = registryPanel || only.isEmpty()
                ? services.get(PlatformApi.REGISTRY, base + "?asAt=" + asAt, token) : null;
        LocalDate yearStart = LocalDate.of(FinancialYears.startYear(asAt), 4, 1);
        CompletableFuture<Answer> networkAtYearStart = registryPanel && asAt.isAfter(yearStart)
                ? services.get(PlatformApi.REGISTRY, base + "?asAt=" + yearStart, token) : null;
        // The DES populations are those at 1 January before the year; the workforce caps use them too.
        LocalDate populationDate = Populations.populationDate(asAt);
        CompletableFuture<Answer> networkAtPopulationDate = registryPanel || workforcePanel
                ? services.get(PlatformApi.REGISTRY, base + "?asAt=" + populationDate, token) : null;
        CompletableFuture<Answer> workforce = workforcePanel
                ? services.get(PlatformApi.WORKFORCE, base + "/workforce?asAt=" + asAt, token) : null;
        // Starters and leavers of the year to the chosen date: the appointments in post on any day of it.
        CompletableFuture<Answer> staff = workforcePanel ? services.get(PlatformApi.WORKFORCE, base + "/staff?from="
                + yearStart + "&to=" + asAt, token) : null;
        CompletableFuture<Answer> roles = workforcePanel ? services.get(PlatformApi.WORKFORCE,
                "/api/v1/arrs/roles?financialYear=" + fyParam, token) : null;
        CompletableFuture<Answer> claims = workforcePanel ? services.get(PlatformApi.WORKFORCE, base
                + "/claims?financialYear=" + fyParam, token) : null;
        CompletableFuture<Answer> caseload = referralPanel
                ? services.get(PlatformApi.REFERRAL, base + "/caseload", token) : null;
        CompletableFuture<Answer> report = referralPanel ? services.get(PlatformApi.REFERRAL, base
                + "/reports/referrals?month=" + java.time.YearMonth.from(asAt), token) : null;
        // The pathway funnel: the cohort of referrals received in the financial year to the chosen date.
        CompletableFuture<Answer> cohort = referralPanel ? services.get(PlatformApi.REFERRAL, base
                + "/reports/pathway?from=" + yearStart + "&to=" + asAt, token) : null;
        CompletableFuture<Answer> arrs = fundingPanel
                ? services.get(PlatformApi.FUNDING, base + "/arrs?financialYear=" + fyParam, token) : null;
        CompletableFuture<Answer> payments = fundingPanel ? services.get(PlatformApi.FUNDING, base
                + "/payments?financialYear=" + fyParam, token) : null;

        String name = code;
        List<Panel> panels = new ArrayList<>();
        if (network != null) {
            Answer registry = network.join();
            if (registry.notFound()) {
                throw PageException.notFound("The registry has no network " + code + ". Check the ODS code.");
            }
            if (registry.forbidden()) {
                throw PageException.forbidden("The registry does not let your sign-in see network " + code + ".");
            }
            name = registry.ok() ? registry.body().path("name").asText(code) : code;
            if (registryPanel) {
                Answer atPopulationDate = networkAtPopulationDate.join();
                Populations populations = registry.ok() ? populations(registry, atPopulationDate, populationDate,
                        token) : null;
                panels.add(registryPanel(registry, networkAtYearStart == null ? null : networkAtYearStart.join(),
                        yearStart, populations, asAt, fy));
            }
        }
        if (workforcePanel) {
            Answer atPopulationDate = networkAtPopulationDate.join();
            Long registeredThen = atPopulationDate.ok() ? atPopulationDate.body().path("population").path(
                    "registeredPatients").asLong() : null;
            panels.add(workforcePanel(workforce.join(), List.of(staff.join()), roles.join(),
                    claims.join(), asAt, registeredThen));
        }
        if (referralPanel) {
            panels.add(referralPanel(caseload.join(), report.join(), cohort.join(), user, asAt));
        }
        if (fundingPanel) {
            panels.add(fundingPanel(arrs.join(), payments.join(), fy, asAt));
        }
        return new NetworkPage(code, name, asAt, today, fy, List.copyOf(panels));
    }

    /** Each member's populations at the population date; practices that joined since are asked for one by one. */
    private Populations populations(Answer registry, Answer atPopulationDate, LocalDate populationDate,
            String token) {
        JsonNode then = atPopulationDate.ok() ? atPopulationDate.body() : null;
        Map<String, CompletableFuture<Answer>> asked = new LinkedHashMap<>();
        for (String practice : Populations.joinedSince(registry.body(), then)) {
            if (then != null || atPopulationDate.notFound()) {
                asked.put(practice, services.get(PlatformApi.REGISTRY, "/api/v1/practices/" + practice
                        + "/list-sizes", token));
            }
        }
        Map<String, JsonNode> listSizes = new LinkedHashMap<>();
        asked.forEach((practice, answer) -> {
            Answer a = answer.join();
            if (a.ok()) {
                listSizes.put(practice, a.body());
            }
        });
        String unavailable = then != null || atPopulationDate.notFound() ? null
                : "the registry did not give the populations at that date ("
                        + Panel.missing("registry", "", atPopulationDate).unavailable() + ")";
        return Populations.of(registry.body(), then, listSizes, populationDate, unavailable);
    }

    private static boolean wanted(Set<String> only, PlatformApi api) {
        return only.isEmpty() || only.contains(api.panel());
    }

    // --- Membership and populations (registry-service) -----------------------------------------------------------

    Panel registryPanel(Answer answer, Answer atYearStart, LocalDate yearStart, Populations populations,
            LocalDate asAt, String fy) {
        String id = PlatformApi.REGISTRY.panel();
        String title = PlatformApi.REGISTRY.panelTitle();
        if (!answer.ok()) {
            return Panel.missing(id, title, answer);
        }
        JsonNode n = answer.body();
        JsonNode population = n.path("population");
        long registered = population.path("registeredPatients").asLong();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("network-name", "Name", n.path("name").asText()));
        facts.add(new Fact("network-code", "ODS code", n.path("code").asText()));
        facts.add(new Fact("commissioner", "Commissioner", n.path("commissionerCode").asText()));
        JsonNode director = n.path("clinicalDirector");
        facts.add(new Fact("clinical-director", "Clinical director", director.isMissingNode() ? "None recorded"
                : director.path("name").asText() + " (since " + date(text(director.path("from"))) + ")"));
        facts.add(new Fact("status", "Status", n.path("status").asText() + ", open since "
                + date(text(n.path("openDate")))
                + (n.hasNonNull("closeDate") ? ", closed after " + date(text(n.path("closeDate"))) : "")));
        facts.add(new Fact("member-count", "Member practices as at " + date(asAt.toString()),
                count(n.path("members").size())));
        facts.add(new Fact("registered-population", "Registered patients as at " + date(asAt.toString())
                + " (latest list sizes)", count(registered)));
        String jan = populations.dateText();
        String missingNote = populations.withoutFigure().isEmpty() ? ""
                : ": " + populations.withoutFigure().size()
                        + " member(s) have no list size at that date";
        facts.add(new Fact("registered-population-jan", "Registered patients at " + jan + " (for " + fy + ")",
                populations.registered().map(r -> count(r)).orElse("Not available" + missingNote)));
        facts.add(new Fact("weighted-population", "Weighted population at " + jan, populations.weighted()
                .map(w -> decimal(w, 0)).orElse("Not available: not recorded for " + String.join(", ", populations
                        .lacking(Populations.Figure::weighted)))));
        facts.add(new Fact("adjusted-population", "Adjusted population at " + jan, populations.adjusted()
                .map(a -> decimal(a, 0)).orElse("Not available: not recorded for " + String.join(", ", populations
                        .lacking(Populations.Figure::adjusted)))));
        String guidance = registered < guidanceMinimum ? "Below the " + count(guidanceMinimum) + "–"
                + count(guidanceMaximum) + " guidance"
                : registered > guidanceMaximum ? "Above the " + count(guidanceMinimum) + "–" + count(guidanceMaximum)
                        + " guidance" : "Within the " + count(guidanceMinimum) + "–" + count(guidanceMaximum)
                                + " guidance";
        facts.add(new Fact("guidance", "Size against guidance (as at " + date(asAt.toString()) + ")", guidance));

        BarChart shares = populations.sharesChart(guidance + " as at " + date(asAt.toString()));
        List<BarChart> charts = shares == null ? List.of() : List.of(shares);
        List<String> notes = new ArrayList<>();
        for (JsonNode w : n.path("warnings")) {
            notes.add(w.path("message").asText());
        }
        if (population.path("practicesWithoutListSize").asInt() > 0) {
            notes.add(population.path("practicesWithoutListSize").asInt()
                    + " member practice(s) have no list size on or before this date.");
        }
        if (!populations.withoutFigure().isEmpty()) {
            notes.add("The Network Contract DES uses the populations at " + jan + " for " + fy + ". "
                    + populations.withoutFigure().stream().map(m -> m.practiceName() + " (" + m.practiceCode()
                            + "): " + m.missing()).reduce((a, b) -> a + "; " + b).orElse("")
                    + ". Those figures are not available, so the network's totals at " + jan + " are not given.");
        }
        List<Table> tables = new ArrayList<>(List.of(populations.membersTable(n, asAt, fy)));
        if (atYearStart != null && atYearStart.ok()) {
            Map<String, String> before = new LinkedHashMap<>();
            atYearStart.body().path("members").forEach(m -> before.put(m.path("practiceCode").asText(),
                    m.path("practiceName").asText()));
            Map<String, JsonNode> now = new LinkedHashMap<>();
            n.path("members").forEach(m -> now.put(m.path("practiceCode").asText(), m));
            Table.Builder changes = Table.builder("membership-changes", "Membership changes since "
                    + date(yearStart.toString())).column("Practice").column("ODS code").column("Change")
                    .column("From");
            now.forEach((code, m) -> {
                if (!before.containsKey(code)) {
                    changes.row(Cell.text(m.path("practiceName").asText()), Cell.text(code), Cell.text("Joined"),
                            new Cell(date(text(m.path("from"))), m.path("from").asText(""), null));
                }
            });
            before.forEach((code, practiceName) -> {
                if (!now.containsKey(code)) {
                    changes.row(Cell.text(practiceName), Cell.text(code), Cell.text("Left"), Cell.text(""));
                }
            });
            tables.add(changes.build());
        }
        return Panel.of(id, title, PlatformApi.REGISTRY.serviceName(), facts, charts, tables, notes);
    }

    // --- Workforce (workforce-service) ----------------------------------------------------------------------------

    Panel workforcePanel(Answer summary, List<Answer> staff, Answer roles, Answer claims, LocalDate asAt,
            Long registeredAtPopulationDate) {
        String id = PlatformApi.WORKFORCE.panel();
        String title = PlatformApi.WORKFORCE.panelTitle();
        if (!summary.ok()) {
            return Panel.missing(id, title, summary);
        }
        JsonNode s = summary.body();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("headcount", "Staff in post", count(s.path("headcount").asLong())));
        facts.add(new Fact("wte", "Whole-time equivalent", decimal(number(s.path("wte")), 2)));
        RoleCaps caps = RoleCaps.of(roles.ok() ? roles.body() : null, s, asAt, registeredAtPopulationDate,
                Populations.populationDate(asAt));
        List<Table> tables = new ArrayList<>(List.of(caps.table(s, asAt)));
        List<String> notes = new ArrayList<>();
        if (!roles.ok()) {
            notes.add("The network caps are not known: " + Panel.missing(id, title, roles).unavailable());
        }
        if (staff.stream().allMatch(Answer::ok)) {
            LocalDate fyStart = LocalDate.of(FinancialYears.startYear(asAt), 4, 1);
            StartersAndLeavers moves = StartersAndLeavers.of(staff.stream().map(Answer::body).toList(), fyStart,
                    asAt);
            Map<String, String> roleNames = new LinkedHashMap<>();
            s.path("roles").forEach(r -> roleNames.put(r.path("roleCode").asText(), r.path("roleName").asText()));
            if (roles.ok()) {
                roles.body().path("roles").forEach(r -> roleNames.putIfAbsent(r.path("code").asText(), r.path(
                        "name").asText()));
            }
            facts.add(new Fact("starters", "Starters from " + date(fyStart.toString()), count(moves.starters())));
            facts.add(new Fact("leavers", "Leavers from " + date(fyStart.toString()), count(moves.leavers())));
            tables.add(moves.table(roleNames));
        } else {
            staff.stream().filter(a -> !a.ok()).findFirst().ifPresent(a -> notes.add("Starters and leavers are not "
                    + "shown: " + Panel.missing(id, title, a).unavailable()));
        }
        if (claims.ok()) {
            JsonNode c = claims.body();
            Table.Builder months = Table.builder("claims", "ARRS claims " + c.path("financialYear").asText())
                    .column("Month").numeric("Claimed").column("Complete");
            for (JsonNode m : c.path("months")) {
                months.row(new Cell(uk.nhs.pcn.portal.view.Format.month(m.path("month").asText()),
                        m.path("month").asText(), null), Cell.number(number(m.path("total")), money(number(m.path(
                                "total")))), Cell.text(m.path("complete").asBoolean() ? "Yes" : "No: figures missing"));
            }
            months.footer(Cell.text("Year to date"), Cell.number(number(c.path("total")), money(number(c.path("total")))),
                    Cell.text(c.path("complete").asBoolean() ? "Yes" : "No"));
            facts.add(new Fact("claims-to-date", "ARRS claimed to date", money(number(c.path("total")))));
            tables.add(months.build());
        } else if (claims.forbidden()) {
            notes.add("Claims are not shown to your role.");
        }
        return Panel.of(id, title, PlatformApi.WORKFORCE.serviceName(), facts, List.of(), tables, notes,
                caps.warnings());
    }

    // --- Social prescribing (referral-service) --------------------------------------------------------------------

    static final List<String> PATHWAY = List.of("RECEIVED", "ACCEPTED", "FIRST_CONTACT", "PLAN_AGREED", "CONNECTED",
            "FOLLOW_UP");

    Panel referralPanel(Answer answer, Answer report, Answer cohort, SignedInUser user, LocalDate asAt) {
        String id = PlatformApi.REFERRAL.panel();
        String title = PlatformApi.REFERRAL.panelTitle();
        if (!answer.ok()) {
            return Panel.missing(id, title, answer);
        }
        JsonNode c = answer.body();
        JsonNode queue = c.path("queue");
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("open-referrals", "Open referrals", count(c.path("openReferrals").asLong())));
        facts.add(new Fact("queue-waiting", "Waiting in the queue", count(queue.path("waiting").asLong())));
        facts.add(new Fact("oldest-wait", "Oldest wait", queue.hasNonNull("oldestWaitingDays")
                ? count(queue.path("oldestWaitingDays").asLong()) + " days (since "
                        + date(text(queue.path("oldestWaitingSince"))) + ")"
                : "Nobody waiting"));
        facts.add(new Fact("overdue", "Not accepted within the expected time",
                count(c.path("overdueForAcceptance").asLong())));
        Table.Builder workers = Table.builder("caseloads", "Link workers' caseloads against capacity")
                .column("Link worker").numeric("WTE").numeric("Open referrals").numeric("Capacity").numeric("Spare")
                .column("Taking referrals");
        List<BarChart.Row> bars = new ArrayList<>();
        Map<String, Long> byState = new LinkedHashMap<>();
        PATHWAY.forEach(s -> byState.put(s, 0L));
        for (JsonNode w : c.path("linkWorkers")) {
            long open = w.path("openReferrals").asLong();
            long capacity = w.path("capacity").asLong();
            workers.row(Cell.text(w.path("staffReference").asText()),
                    Cell.number(number(w.path("wte")), decimal(number(w.path("wte")), 2)),
                    Cell.number(BigDecimal.valueOf(open), count(open)),
                    Cell.number(BigDecimal.valueOf(capacity), count(capacity)),
                    Cell.number(number(w.path("spare")), count(w.path("spare").asLong())),
                    Cell.text(w.path("takingReferrals").asBoolean() ? "Yes" : "No"));
            bars.add(new BarChart.Row(w.path("staffReference").asText(), count(open) + " of " + count(capacity),
                    List.of(BigDecimal.valueOf(open), BigDecimal.valueOf(Math.max(0, capacity - open)))));
            w.path("byState").fields().forEachRemaining(e -> byState.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        }
        Table.Builder funnel = Table.builder("open-by-step", "Open referrals today by pathway step").column("Step")
                .numeric("Referrals");
        byState.forEach((state, n) -> funnel.row(Cell.text(state.charAt(0) + state.substring(1).toLowerCase()
                .replace('_', ' ')), Cell.number(BigDecimal.valueOf(n), count(n))));
        List<BarChart> charts = new ArrayList<>();
        List<Table> tables = new ArrayList<>(List.of(workers.build()));
        List<String> notes = new ArrayList<>();
        if (cohort.ok()) {
            PathwayFunnel pathway = PathwayFunnel.of(cohort.body());
            charts.add(pathway.chart());
            tables.add(pathway.table());
        } else if (!cohort.forbidden()) {
            notes.add("The pathway funnel is not available: " + Panel.missing("pathway", "Pathway", cohort)
                    .unavailable());
        }
        tables.add(funnel.build());
        if (!bars.isEmpty()) {
            charts.add(0, BarChart.of("caseload-chart", "Caseload against capacity", bars.size()
                        + " link workers; each bar shows open referrals (solid) and spare capacity (hatched). The "
                        + "caseloads table gives the same figures.", bars, List.of("Open referrals", "Spare capacity"),
                        null, null));
        }
        String month = uk.nhs.pcn.portal.view.Format.month(java.time.YearMonth.from(asAt).toString());
        if (report.ok()) {
            JsonNode r = report.body();
            Table.Builder flow = Table.builder("referrals-month", "Referrals in " + month).column("Measure")
                    .numeric("Count");
            for (String[] field : new String[][] { { "received", "Received" }, { "accepted", "Accepted" },
                    { "declined", "Declined" }, { "didNotAttend", "Did not attend" }, { "withdrawn", "Withdrawn" },
                    { "discharged", "Discharged" } }) {
                flow.row(Cell.text(field[1]), Cell.number(number(r.path(field[0])), count(r.path(field[0]).asLong())));
            }
            if (r.hasNonNull("medianDaysToFirstContact")) {
                flow.row(Cell.text("Median days to first contact"), Cell.number(number(r.path(
                        "medianDaysToFirstContact")), decimal(number(r.path("medianDaysToFirstContact")), 1)));
            }
            tables.add(flow.build());
            Table.Builder outcomes = Table.builder("outcome-change", "Outcome change of people discharged in " + month)
                    .column("Measure").numeric("People").numeric("Mean at first contact").numeric("Mean at discharge")
                    .numeric("Mean change");
            for (JsonNode o : r.path("outcomeChange")) {
                outcomes.row(Cell.text(o.path("measure").asText() + " " + o.path("score").asText("")),
                        Cell.number(number(o.path("people")), count(o.path("people").asLong())),
                        Cell.number(number(o.path("meanAtFirstContact")), decimal(number(o.path(
                                "meanAtFirstContact")), 1)),
                        Cell.number(number(o.path("meanAtDischarge")), decimal(number(o.path("meanAtDischarge")), 1)),
                        Cell.number(number(o.path("meanChange")), decimal(number(o.path("meanChange")), 1)));
            }
            tables.add(outcomes.build());
        }
        if (!report.ok() && !report.forbidden()) {
            notes.add(Panel.missing("report", "Report", report).unavailable());
        }
        if (user.hasRole(SignedInUser.PCN_MANAGER)) {
            notes.add("Counts only: a PCN manager never sees who a referral is about.");
        }
        return Panel.of(id, title, PlatformApi.REFERRAL.serviceName(), facts, charts, tables, notes);
    }

    // --- Money (funding-service) ---------------------------------------------------------------------------------

    Panel fundingPanel(Answer arrs, Answer payments, String fy, LocalDate asAt) {
        String id = PlatformApi.FUNDING.panel();
        String title = PlatformApi.FUNDING.panelTitle();
        if (!arrs.ok() && !payments.ok()) {
            return Panel.missing(id, title, arrs.unavailable() || !payments.unavailable() ? arrs : payments);
        }
        List<Fact> facts = new ArrayList<>();
        List<BarChart> charts = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (arrs.ok()) {
            JsonNode a = arrs.body();
            BigDecimal sum = number(a.path("arrsSum"));
            BigDecimal claimed = number(a.path("claimsToDate"));
            BigDecimal headroom = number(a.path("headroom"));
            facts.add(new Fact("arrs-sum", "ARRS sum " + fy, sum == null ? "Not available: "
                    + a.path("unavailableReason").asText("a figure is missing") : money(sum)));
            facts.add(new Fact("arrs-claimed", "ARRS claimed to date", money(claimed)));
            if (headroom != null) {
                facts.add(new Fact("arrs-unclaimed", "Lost if unclaimed by " + date(FinancialYears.end(asAt)
                        .toString()), money(headroom.max(BigDecimal.ZERO)) + " (the sum is not carried forward)"));
            }
            if (a.path("exceeded").asBoolean()) {
                notes.add("Claims exceed the ARRS sum.");
            }
            if (a.path("claimsIncomplete").asBoolean()) {
                notes.add("Some claims are incomplete: the claimed figure may rise.");
            }
            if (sum != null && claimed != null) {
                charts.add(BarChart.of("arrs-chart", "ARRS claimed against the year's sum", money(claimed)
                        + " claimed of " + money(sum) + " for " + fy + ".", List.of(new BarChart.Row("Claimed",
                                money(claimed), List.of(claimed))), List.of(), "ARRS sum " + money(sum), sum));
            }
            if (sum != null) {
                charts.add(burnUp(a, sum, fy, asAt));
            }
            Table.Builder claimsTable = Table.builder("arrs-claims", "ARRS claims by month " + fy).column("Month")
                    .numeric("Amount").column("Complete");
            for (JsonNode m : a.path("claims")) {
                claimsTable.row(new Cell(uk.nhs.pcn.portal.view.Format.month(m.path("month").asText()), m.path("month")
                        .asText(), null), Cell.number(number(m.path("amount")), money(number(m.path("amount")))),
                        Cell.text(m.path("incomplete").asBoolean() ? "No" : "Yes"));
            }
            tables.add(claimsTable.build());
        } else {
            notes.add(Panel.missing(id, title, arrs).unavailable());
        }
        if (payments.ok()) {
            paymentTables(payments.body(), facts, charts, tables, notes);
        } else {
            notes.add(Panel.missing(id, title, payments).unavailable());
        }
        return Panel.of(id, title, PlatformApi.FUNDING.serviceName(), facts, charts, tables, notes);
    }

    /**
     * The ARRS burn-up: claims to date month by month (solid), then the months to 31 March at the average monthly
     * claim so far (hatched), against the year's sum (the dashed line). What is unclaimed on 31 March is lost.
     */
    static BarChart burnUp(JsonNode arrs, BigDecimal sum, String fy, LocalDate asAt) {
        Map<java.time.YearMonth, BigDecimal> claimed = new LinkedHashMap<>();
        for (JsonNode m : arrs.path("claims")) {
            BigDecimal amount = number(m.path("amount"));
            if (amount != null) {
                claimed.merge(java.time.YearMonth.parse(m.path("month").asText()), amount, BigDecimal::add);
            }
        }
        java.time.YearMonth first = java.time.YearMonth.of(FinancialYears.startYear(asAt), 4);
        java.time.YearMonth last = claimed.keySet().stream().max(java.util.Comparator.naturalOrder()).orElse(null);
        int monthsClaimed = last == null ? 0 : (int) java.time.temporal.ChronoUnit.MONTHS.between(first, last) + 1;
        BigDecimal total = claimed.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal perMonth = monthsClaimed == 0 ? BigDecimal.ZERO
                : total.divide(BigDecimal.valueOf(monthsClaimed), 2, RoundingMode.HALF_UP);
        List<BarChart.Row> rows = new ArrayList<>();
        BigDecimal cumulative = BigDecimal.ZERO;
        BigDecimal projected = BigDecimal.ZERO;
        for (int i = 0; i < 12; i++) {
            java.time.YearMonth month = first.plusMonths(i);
            String label = uk.nhs.pcn.portal.view.Format.month(month.toString());
            if (i < monthsClaimed) {
                cumulative = cumulative.add(claimed.getOrDefault(month, BigDecimal.ZERO));
                rows.add(new BarChart.Row(label, money(cumulative) + " claimed", List.of(cumulative)));
            } else {
                projected = projected.add(perMonth);
                rows.add(new BarChart.Row(label, money(cumulative.add(projected)) + " projected",
                        List.of(cumulative, projected)));
            }
        }
        BigDecimal yearEnd = cumulative.add(projected);
        BigDecimal lost = sum.subtract(yearEnd).max(BigDecimal.ZERO);
        String summary = money(cumulative) + " claimed in " + monthsClaimed + " month(s) of " + fy + " against an ARRS "
                + "sum of " + money(sum) + ". At that rate " + money(yearEnd) + " will have been claimed by 31 March"
                + (lost.signum() > 0 ? ", and " + money(lost) + " would be lost (the sum is not carried forward)."
                        : ", the whole sum.")
                + " Solid: claimed; hatched: projected. The ARRS claims table gives the monthly figures.";
        return BarChart.of("arrs-burn-up", "ARRS claims to 31 March against the year's sum", summary, rows,
                List.of("Claimed", "Projected"), "ARRS sum " + money(sum), sum);
    }

    private void paymentTables(JsonNode p, List<Fact> facts, List<BarChart> charts, List<Table> tables,
            List<String> notes) {
        Set<String> components = new LinkedHashSet<>();
        for (JsonNode m : p.path("months")) {
            for (JsonNode l : m.path("lines")) {
                components.add(l.path("componentName").asText(l.path("component").asText()));
            }
        }
        List<String> legend = new ArrayList<>(components);
        Table.Builder months = Table.builder("payments", "Payments " + p.path("financialYear").asText()
                + " by month (paid on or around the 20th)").column("Month").column("Status");
        legend.forEach(months::numeric);
        months.numeric("Adjustments").numeric("Total");
        // Lines without a figure, one row per component and missing figure (with the months it affects).
        Map<String, List<String>> missing = new LinkedHashMap<>();
        Table.Builder adjustments = Table.builder("adjustments", "Adjustments and their causes").column("Paid in")
                .column("Corrects").column("Component").numeric("Amount").column("Reason");
        List<BarChart.Row> bars = new ArrayList<>();
        for (JsonNode m : p.path("months")) {
            Map<String, BigDecimal> byComponent = new LinkedHashMap<>();
            legend.forEach(c -> byComponent.put(c, BigDecimal.ZERO));
            String month = m.path("month").asText();
            for (JsonNode l : m.path("lines")) {
                String component = l.path("componentName").asText(l.path("component").asText());
                BigDecimal amount = number(l.path("amount"));
                if (amount == null) {
                    missing.computeIfAbsent(component + "\u0000" + l.path("unavailableReason").asText(
                            "a figure is missing"), k -> new ArrayList<>()).add(uk.nhs.pcn.portal.view.Format.month(
                                    month));
                } else {
                    byComponent.merge(component, amount, BigDecimal::add);
                }
            }
            for (JsonNode adj : m.path("adjustments")) {
                adjustments.row(Cell.text(uk.nhs.pcn.portal.view.Format.month(adj.path("paidInMonth").asText())),
                        Cell.text(uk.nhs.pcn.portal.view.Format.month(adj.path("correctsMonth").asText())),
                        Cell.text(adj.path("componentName").asText(adj.path("component").asText())),
                        Cell.number(number(adj.path("amount")), money(number(adj.path("amount")))),
                        Cell.text(adj.path("reason").asText()));
            }
            List<Cell> row = new ArrayList<>();
            row.add(new Cell(uk.nhs.pcn.portal.view.Format.month(month), month, null));
            row.add(Cell.text(m.path("status").asText() + (m.path("incomplete").asBoolean() ? " (incomplete)" : "")));
            byComponent.values().forEach(v -> row.add(Cell.number(v, money(v))));
            row.add(Cell.number(number(m.path("adjustmentsTotal")), money(number(m.path("adjustmentsTotal")))));
            row.add(Cell.number(number(m.path("total")), money(number(m.path("total")))));
            months.row(row.toArray(Cell[]::new));
            bars.add(new BarChart.Row(uk.nhs.pcn.portal.view.Format.month(month) + ", " + m.path("status").asText(),
                    money(number(m.path("total"))), List.copyOf(byComponent.values())));
        }
        BigDecimal total = number(p.path("total"));
        List<Cell> footer = new ArrayList<>();
        footer.add(Cell.text("Year"));
        footer.add(Cell.text(p.path("incomplete").asBoolean() ? "incomplete" : ""));
        legend.forEach(c -> footer.add(Cell.text("")));
        footer.add(Cell.text(""));
        footer.add(Cell.number(total, money(total)));
        months.footer(footer.toArray(Cell[]::new));
        facts.add(new Fact("year-total", "Payments this year", money(total)
                + (p.path("incomplete").asBoolean() ? " so far (some figures are missing)" : "")));
        if (!bars.isEmpty()) {
            charts.add(BarChart.of("payments-chart", "Payments by month, stacked by component", bars.size()
                    + " months, " + money(total) + " in the year. Each component has its own pattern, named in the "
                    + "legend; the payments table gives every figure.", bars, legend, null, null));
        }
        tables.add(months.build());
        Table.Builder incomplete = Table.builder("incomplete", "Lines without a figure").column("Component")
                .column("Missing figure").column("Months");
        missing.forEach((key, affected) -> {
            String[] parts = key.split("\u0000", 2);
            incomplete.row(Cell.text(parts[0]), Cell.text(parts[1]), Cell.text(affected.size() == 12 ? "Every month"
                    : String.join(", ", affected)));
        });
        Table inc = incomplete.build();
        if (!inc.empty()) {
            tables.add(inc);
            notes.add("Some payment lines lack a figure: the table \u201cLines without a figure\u201d names each.");
        }
        tables.add(adjustments.build());
    }
}
