package uk.nhs.pcn.funding.benchmark;

import static uk.nhs.pcn.funding.FundingTestSupport.asFinance;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.funding.schedule.ScheduleService;
import uk.nhs.pcn.platform.time.FinancialYear;
import uk.nhs.pcn.testsupport.EventPublisher;
import uk.nhs.pcn.testsupport.RecordedEvent;
import uk.nhs.pcn.testsupport.TopicRecorder;

/**
 * National scale (see docs/benchmarks.md): the December 2019 ePCN networks and memberships and the January 2021
 * registered and weighted populations published as registry events; a year's entitlements for every network; and
 * the time from a registry event being published to the network's recalculated entitlement being published. Run
 * with {@code ./pcn bench}; excluded from the test suite.
 */
@QuarkusTest
@Tag("benchmark")
class FundingBenchmark {

    static final int LAG_SAMPLES = 300;
    static final FinancialYear YEAR = new FinancialYear(2021);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ScheduleService schedules;

    final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        Path data = Path.of(System.getProperty("pcn.shared.data", "../../shared/data"));
        List<EventPublisher.Keyed> networks = new ArrayList<>();
        for (CSVRecord r : csv(data.resolve("epcn-2019-12-pcn-details.csv"))) {
            String code = r.get("PCN Code");
            networks.add(new EventPublisher.Keyed(code, new NetworkRegistered(code, r.get("PCN Name"),
                    r.get("Current Clinical Commissioning Group Code"),
                    LocalDate.parse(r.get("Open Date (YYYYMMDD)"), DateTimeFormatter.BASIC_ISO_DATE))));
        }
        List<EventPublisher.Keyed> memberships = new ArrayList<>();
        Map<String, String> networkOf = new HashMap<>();
        for (CSVRecord r : csv(data.resolve("epcn-2019-12-core-partner-details.csv"))) {
            String practice = r.get("Partner Organisation Code");
            String network = r.get("PCN Code");
            networkOf.put(practice, network);
            memberships.add(new EventPublisher.Keyed(network, new PracticeJoinedNetwork(network, practice,
                    r.get("Partner Name"), r.get("Practice Parent CCG Code"), LocalDate.parse(
                            r.get("Practice to PCN Relationship Start Date"), DateTimeFormatter.BASIC_ISO_DATE))));
        }
        Map<String, Long> registered = new HashMap<>();
        for (CSVRecord r : csv(data.resolve("gp-reg-pat-prac-all-2021-01.csv"))) {
            registered.put(r.get("CODE"), Long.parseLong(r.get("NUMBER_OF_PATIENTS")));
        }
        List<EventPublisher.Keyed> listSizes = new ArrayList<>();
        for (CSVRecord r : csv(data.resolve("nhs-payments-to-general-practice-2020-21.csv"))) {
            String practice = r.get("Practice Code");
            String network = networkOf.get(practice);
            String weighted = r.get("Number of Weighted Patients (Last Known Figure)");
            if (network != null && registered.containsKey(practice) && !weighted.isBlank()) {
                listSizes.add(new EventPublisher.Keyed(network, new ListSizeRecorded(practice, network,
                        LocalDate.of(2021, 1, 1), registered.get(practice),
                        new BigDecimal(weighted).setScale(2, RoundingMode.HALF_UP), null)));
            }
        }

        long start = System.nanoTime();
        try (EventPublisher registry = new EventPublisher()) {
            registry.publishAll(Topics.REGISTRY, networks);
            registry.publishAll(Topics.REGISTRY, memberships);
            registry.publishAll(Topics.REGISTRY, listSizes);
        }
        long published = System.nanoTime();
        int events = networks.size() + memberships.size() + listSizes.size();
        while (count("SELECT count(*) FROM processed_event") < events) {
            Thread.sleep(50);
        }
        long applied = System.nanoTime();
        while (count("SELECT count(*) FROM recalculation_due") > 0) {
            Thread.sleep(50);
        }
        long recalculated = System.nanoTime();
        line(String.format("National data as registry events: %,d networks, %,d memberships, %,d list sizes; "
                + "published", networks.size(), memberships.size(), listSizes.size()), ms(published - start));
        line("... all applied to the read model", ms(applied - start));
        line("... and every network's years recalculated (" + count("SELECT count(*) FROM entitlement_total")
                + " network-years)", ms(recalculated - start));

        schedules.entitlements(YEAR, null); // warm-up
        List<Long> runs = new ArrayList<>();
        String total = null;
        for (int run = 0; run < 3; run++) {
            long t = System.nanoTime();
            String body = asFinance().get("/api/v1/entitlements?financialYear=" + YEAR).then().statusCode(200)
                    .extract().asString();
            runs.add(System.nanoTime() - t);
            total = uk.nhs.pcn.funding.FundingTestSupport.json(asFinance().get("/api/v1/entitlements?financialYear="
                    + YEAR).then().extract().response()).getString("total");
            if (body.isEmpty()) {
                throw new AssertionError("empty answer");
            }
        }
        Collections.sort(runs);
        line("2021/22 entitlements of every network through the API (load + calculate + JSON), median of 3",
                ms(runs.get(1)));
        line("... national total of the lines that could be calculated", "£" + total);

        // Lag: a list-size correction published → the affected network's EntitlementRecalculated published. Only
        // networks whose registered-list lines can all be calculated: elsewhere a correction leaves the total as it
        // was (the line stays unavailable), and nothing is published.
        List<String> complete = strings("SELECT network_code FROM entitlement_total WHERE financial_year = '2021/22'"
                + " AND unavailable_lines = (SELECT min(unavailable_lines) FROM entitlement_total"
                + " WHERE financial_year = '2021/22')");
        List<EventPublisher.Keyed> samples = listSizes.stream().filter(k -> complete.contains(k.key())).toList();
        List<Long> lags = new ArrayList<>();
        Random random = new Random(7);
        try (TopicRecorder funding = TopicRecorder.fromNow(Topics.FUNDING);
                EventPublisher registry = new EventPublisher()) {
            for (int i = 0; i < LAG_SAMPLES; i++) {
                ListSizeRecorded base = (ListSizeRecorded) samples.get(random.nextInt(samples.size())).event();
                ListSizeRecorded correction = new ListSizeRecorded(base.practiceCode(), base.networkCode(),
                        base.effectiveDate(), base.registeredPatients() + 1 + i, base.weightedPopulation(), null);
                long t = System.nanoTime();
                String id = registry.publish(Topics.REGISTRY, base.networkCode(), correction);
                funding.await((RecordedEvent r) -> r.isType("EntitlementRecalculated.v1")
                        && r.body().path("causeEventIds").toString().contains(id), 1, Duration.ofSeconds(30));
                lags.add(System.nanoTime() - t);
            }
        }
        Collections.sort(lags);
        line("Registry event → entitlement recalculated and published, p50 (" + LAG_SAMPLES
                + " list-size corrections, publish to EntitlementRecalculated read back)", ms(lags.get(lags.size() / 2)));
        line("... p99", ms(lags.get((int) Math.ceil(lags.size() * 0.99) - 1)));
        line("... max", ms(lags.get(lags.size() - 1)));
        Files.writeString(Path.of("target/benchmark-results.md"), report.toString());
    }

    private void line(String what, String figure) {
        String row = "| " + what + " | " + figure + " |";
        System.out.println(row);
        report.append(row).append('\n');
    }

    private List<String> strings(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String ms(long nanos) {
        return String.format("%,.1f ms", nanos / 1e6);
    }

    private long count(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try (CSVParser parser = CSVParser.parse(reader, CSVFormat.DEFAULT.builder().setHeader()
                .setSkipHeaderRecord(true).setTrim(true).build())) {
            return parser.getRecords();
        }
    }
}
