package uk.nhs.pcn.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Loads the national reference data into a running platform through its public API, as a commissioner would:
 * the December 2019 ePCN workbook, then the January 2021 registered list sizes.
 */
final class DemoData {

    private final Path dataDir;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    DemoData(Path dataDir, String token) {
        this.dataDir = dataDir;
        this.token = token;
    }

    void load() throws IOException, InterruptedException {
        String registry = PlatformService.ALL.get(0).baseUrl();
        Path workbook = dataDir.resolve("ePCN-2019-12.xlsx");
        Path listSizes = dataDir.resolve("gp-reg-pat-prac-all-2021-01.csv");
        if (!Files.exists(workbook) || !Files.exists(listSizes)) {
            throw new IllegalStateException("Reference data not found in " + dataDir
                    + " (set PCN_DEMO_DATA to the folder holding ePCN-2019-12.xlsx)");
        }
        System.out.println("Importing " + workbook.getFileName() + " (1,250 networks, 6,757 memberships) ...");
        post(registry + "/api/v1/imports/epcn?effectiveDate=2019-12-31&fileName=ePCN-2019-12.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook);
        System.out.println("Importing " + listSizes.getFileName() + " (registered patients, 1 January 2021) ...");
        post(registry + "/api/v1/imports/list-sizes?fileName=" + listSizes.getFileName(), "text/csv", listSizes);
        System.out.println("Demo data loaded. Try:");
        System.out.println("  curl -H \"Authorization: Bearer $(./pcn token)\" '" + registry
                + "/api/v1/networks/U45102?asAt=2021-01-01'");
    }

    private void post(String url, String contentType, Path file) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Import failed (" + response.statusCode() + "): " + response.body());
        }
        String body = response.body();
        int counts = body.indexOf("\"counts\"");
        System.out.println("  " + (counts < 0 ? body : body.substring(counts, Math.min(body.length(),
                body.indexOf('}', counts) + 1))));
    }
}
