package uk.nhs.pcn.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import uk.nhs.pcn.events.EventJson;

/**
 * Loads the national reference data into a running platform through its public API, as a commissioner would:
 * the December 2019 ePCN workbook, the January 2021 registered list sizes, then contractor weighted populations
 * from the 2020/21 NHS payments file; with workforce-service, a staff mix in five networks; with funding-service, a
 * payment schedule and the national totals; with referral-service, social prescribing referrals of made-up people
 * in the five networks, some taken along the pathway by the networks' link workers.
 */
final class DemoData {

    private final Path dataDir;
    private final String token;
    private final uk.nhs.pcn.testsupport.JwtSigner signer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    DemoData(Path dataDir, uk.nhs.pcn.testsupport.JwtSigner signer) {
        this.dataDir = dataDir;
        this.signer = signer;
        this.token = signer.token("local-commissioner", java.util.List.of("commissioner"), java.util.List.of(),
                Duration.ofHours(1));
    }

    /**
     * A plausible ARRS staff mix (role, WTE, full-time salary, on-costs) appointed in each demo network. The social
     * prescribing link worker is the one referral-service routes the demo's referrals to.
     */
    static final String[][] STAFF_MIX = {
            { "clinical-pharmacist", "1.0", "52000", "12500" },
            { "clinical-pharmacist", "0.6", "50500", "12100" },
            { "pharmacy-technician", "0.8", "33000", "7900" },
            { "social-prescribing-link-worker", "1.0", "29000", "6900" },
            { "care-coordinator", "1.0", "24000", "5600" },
            { "first-contact-physiotherapist", "0.6", "50000", "12000" } };
    static final java.util.List<String> DEMO_NETWORKS = java.util.List.of("U45102", "U35980", "U57480", "U00203",
            "U00351");

    void load() throws IOException, InterruptedException {
        String registry = PlatformService.ALL.get(0).baseUrl();
        Path workbook = dataDir.resolve("ePCN-2019-12.xlsx");
        Path listSizes = dataDir.resolve("gp-reg-pat-prac-all-2021-01.csv");
        if (!Files.exists(workbook) || !Files.exists(listSizes)) {
            throw new IllegalStateException("Reference data not found in " + dataDir
                    + " (set PCN_DEMO_DATA to the folder holding ePCN-2019-12.xlsx)");
        }
        System.out.println("Importing " + workbook.getFileName() + " (1,250 networks, 6,757 memberships) ...");
        // A dry run first: the demo adds to the registry, and never changes data it finds there.
        String epcn = registry + "/api/v1/imports/epcn?effectiveDate=2019-12-31&fileName=ePCN-2019-12.xlsx";
        String xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        HttpResponse<String> dryRun = upload(epcn + "&dryRun=true", xlsx, workbook);
        if (dryRun.statusCode() == 409 || dryRun.statusCode() == 422) {
            throw new IllegalStateException(existingDataAdvice(workbook.getFileName().toString(),
                    problemDetail(dryRun.body())));
        }
        if (dryRun.statusCode() != 200) {
            throw new IllegalStateException("Import failed (" + dryRun.statusCode() + "): " + dryRun.body());
        }
        var planned = EventJson.mapper().readTree(dryRun.body());
        String heldDataChanges = changesToHeldData(planned);
        if (heldDataChanges != null) {
            throw new IllegalStateException(existingDataAdvice(workbook.getFileName().toString(), heldDataChanges));
        }
        if (planned.path("changes").isEmpty()) {
            System.out.println("  the registry already holds this file: nothing to change, its data is reused");
        } else {
            post(epcn, xlsx, workbook);
        }
        System.out.println("Importing " + listSizes.getFileName() + " (registered patients, 1 January 2021) ...");
        post(registry + "/api/v1/imports/list-sizes?fileName=" + listSizes.getFileName(), "text/csv", listSizes);
        Path payments = dataDir.resolve("nhs-payments-to-general-practice-2020-21.csv");
        if (Files.exists(payments)) {
            System.out.println("Importing " + payments.getFileName() + " (weighted populations) ...");
            System.out.println("  an approximation: the file's 'Last Known Figure' averages 2020/21's quarterly "
                    + "lists; it is recorded as the weighted population at 1 January 2021");
            post(registry + "/api/v1/imports/weighted-populations?effectiveDate=2021-01-01&fileName="
                    + payments.getFileName(), "text/csv", payments);
        }
        PlatformService workforce = service("workforce-service");
        boolean staffed = reachable(workforce);
        if (staffed) {
            loadStaff(workforce);
        }
        PlatformService funding = service("funding-service");
        if (reachable(funding)) {
            FundingDemo demo = new FundingDemo(token);
            demo.show(funding.baseUrl());
        }
        PlatformService referral = service("referral-service");
        if (reachable(referral)) {
            System.out.println();
            if (staffed) {
                new ReferralDemo(referral.baseUrl(), registry, signer).show();
            } else {
                System.out.println("No referrals: they go to link workers, and workforce-service is not running");
            }
        }
        System.out.println("Demo data loaded. Try:");
        System.out.println("  curl -H \"Authorization: Bearer $(./pcn token)\" '" + registry
                + "/api/v1/networks/U45102?asAt=2021-01-01'");
    }

    private void loadStaff(PlatformService workforce) throws IOException, InterruptedException {
        String manager = signer.token("local-pcn-manager", java.util.List.of("pcn-manager"), DEMO_NETWORKS,
                Duration.ofHours(1));
        System.out.println("Waiting for workforce-service to learn the networks from Kafka ...");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (String network : DEMO_NETWORKS) {
            while (send("GET", workforce.baseUrl() + "/api/v1/networks/" + network + "/workforce", manager, null)
                    .statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("workforce-service did not learn network " + network);
                }
                Thread.sleep(500);
            }
        }
        System.out.println("Appointing a typical ARRS staff mix in " + DEMO_NETWORKS + " ...");
        int reference = 1;
        for (String network : DEMO_NETWORKS) {
            // A second demo over the same databases keeps the staff it appointed the first time.
            String inPost = send("GET", workforce.baseUrl() + "/api/v1/networks/" + network + "/staff?asAt=2024-06-01",
                    manager, null).body();
            if (!inPost.isBlank() && !inPost.strip().equals("[]")) {
                reference += STAFF_MIX.length;
                continue;
            }
            for (String[] staff : STAFF_MIX) {
                String body = EventJson.mapper().writeValueAsString(java.util.Map.of(
                        "staffReference", String.format("DEMO-%04d", reference++), "roleCode", staff[0],
                        "wte", new java.math.BigDecimal(staff[1]), "startDate", "2024-04-01",
                        "employingOrganisation", "Lead practice",
                        "fullTimeAnnualSalary", new java.math.BigDecimal(staff[2]),
                        "fullTimeAnnualOnCosts", new java.math.BigDecimal(staff[3])));
                HttpResponse<String> r = send("POST", workforce.baseUrl() + "/api/v1/networks/" + network + "/staff",
                        manager, body);
                if (r.statusCode() != 201 && r.statusCode() != 409) {
                    throw new IllegalStateException("Appointment failed (" + r.statusCode() + "): " + r.body());
                }
            }
        }
        for (String month : new String[] { "2024-06", "2024-11" }) {
            HttpResponse<String> claim = send("POST", workforce.baseUrl() + "/api/v1/networks/U45102/claims/"
                    + month, manager, "");
            if (claim.statusCode() != 200 && claim.statusCode() != 201) { // 201 the first time, 200 recalculated
                throw new IllegalStateException("Claim failed (" + claim.statusCode() + "): " + claim.body());
            }
            var body = EventJson.mapper().readTree(claim.body());
            System.out.println("  U45102 ARRS claim for " + month + ": £" + body.path("total").decimalValue()
                    .toPlainString() + (body.path("complete").asBoolean() ? ", complete"
                            : ", incomplete: " + body.path("unavailableLines").size() + " line(s) wait for a "
                                    + "maximum the ARRS rule set marks unknown"));
        }
        System.out.println("  a PCN manager token for these networks: ./pcn token --role pcn-manager --networks "
                + String.join(",", DEMO_NETWORKS));
    }

    private static PlatformService service(String name) {
        return PlatformService.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private boolean reachable(PlatformService service) {
        try {
            return send("GET", service.baseUrl() + "/q/health/ready", token, null).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private HttpResponse<String> send(String method, String url, String bearer, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * What to say when the registry refuses the demo's national file: it already holds other data (a newer file, or
     * changes the demo's file would undo). The demo keeps that data; the message says how to start clean.
     */
    static String existingDataAdvice(String file, String why) {
        return "the registry already holds data that " + file + " would change, so the demo loads nothing into it."
                + System.lineSeparator() + "  " + why + System.lineSeparator()
                + "  The data is left as it is. To start clean instead: stop the platform (Ctrl-C), then run"
                + System.lineSeparator() + "    ./pcn reset && ./pcn up --demo";
    }

    /** The detail of a problem+json answer, quoted; the body itself when it is not one. */
    static String problemDetail(String body) {
        String detail;
        try {
            detail = EventJson.mapper().readTree(body).path("detail").asText(body);
        } catch (IOException e) {
            detail = body;
        }
        return "The registry said: " + detail;
    }

    /**
     * From an ePCN dry run's report, what the import would change in data the registry already holds (renames,
     * closures, updated details, memberships ended or made current again), or null when it would only add.
     */
    static String changesToHeldData(com.fasterxml.jackson.databind.JsonNode report) {
        var counts = report.path("counts");
        int all = report.path("changes").size() + report.path("changesNotListed").asInt(0);
        int added = counts.path("networksRegistered").asInt() + counts.path("practicesRegistered").asInt()
                + counts.path("joins").asInt();
        if (all <= added) {
            return null;
        }
        List<String> examples = new java.util.ArrayList<>();
        for (var change : report.path("changes")) {
            String text = change.asText();
            if (!text.startsWith("register ") && !text.contains(" joins ") && examples.size() < 3) {
                examples.add(text);
            }
        }
        return "Importing it would change " + (all - added) + " thing(s) the registry holds"
                + (examples.isEmpty() ? "" : ", e.g. " + String.join("; ", examples)) + ".";
    }

    private void post(String url, String contentType, Path file) throws IOException, InterruptedException {
        checked(upload(url, contentType, file));
    }

    private HttpResponse<String> upload(String url, String contentType, Path file)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The report of a successful import, its counts printed; a failed import is an exception. */
    private static String checked(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Import failed (" + response.statusCode() + "): " + response.body());
        }
        String body = response.body();
        int counts = body.indexOf("\"counts\"");
        System.out.println("  " + (counts < 0 ? body : body.substring(counts, Math.min(body.length(),
                body.indexOf('}', counts) + 1))));
        return body;
    }
}
