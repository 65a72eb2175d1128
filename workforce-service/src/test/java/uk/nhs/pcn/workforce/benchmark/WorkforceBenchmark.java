package uk.nhs.pcn.workforce.benchmark;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.NetworkRenamed;
import uk.nhs.pcn.testsupport.EventPublisher;
import uk.nhs.pcn.workforce.claims.ClaimService;

/**
 * National scale (see docs/benchmarks.md): 1,250 networks learnt from registry events, 30,000 appointments, a
 * month's claims for every network; and the lag from a registry event being published to this service's read
 * model showing it. Run with {@code ./pcn bench}; excluded from the test suite.
 */
@QuarkusTest
@Tag("benchmark")
class WorkforceBenchmark {

    static final int NETWORKS = 1250;
    static final int APPOINTMENTS = 30_000;
    static final int LAG_SAMPLES = 300;
    static final String[][] ROLES = { { "clinical-pharmacist", "52000" }, { "pharmacy-technician", "33000" },
            { "social-prescribing-link-worker", "29000" }, { "care-coordinator", "24000" },
            { "first-contact-physiotherapist", "50000" } };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ClaimService claims;

    final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < NETWORKS; i++) {
            codes.add(String.format("U%05d", 10_000 + i));
        }
        long start = System.nanoTime();
        try (EventPublisher registry = new EventPublisher()) {
            for (String code : codes) {
                registry.publish(Topics.REGISTRY, code, new NetworkRegistered(code, "BENCH PCN " + code, "00C",
                        LocalDate.of(2019, 7, 1)));
            }
        }
        while (count("SELECT count(*) FROM known_network WHERE code LIKE 'U1%'") < NETWORKS) {
            Thread.onSpinWait();
        }
        line("1,250 NetworkRegistered events published and applied to the read model", ms(System.nanoTime() - start));

        seedAppointments(codes);
        YearMonth june = YearMonth.of(2024, 6);
        claims.calculateOnly(codes.subList(0, 50), june); // warm-up
        List<Long> runs = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int run = 0; run < 3; run++) {
            long t = System.nanoTime();
            var result = claims.calculateOnly(codes, june);
            runs.add(System.nanoTime() - t);
            total = result.values().stream().map(c -> c.total()).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        Collections.sort(runs);
        line("June 2024 claims for every network (1,250 networks, 30,000 appointments, "
                + "load + calculate), median of 3", ms(runs.get(1)));
        line("... national total claimed for the month", "£" + String.format("%,.2f", total));

        lag(codes);
        Path out = Path.of("target/benchmark-results.md");
        Files.writeString(out, report.toString());
        System.out.println("\n==== workforce-service benchmark ====\n" + report + "(written to " + out.toAbsolutePath()
                + ")\n");
    }

    private void lag(List<String> codes) throws Exception {
        List<Long> micros = new ArrayList<>();
        try (EventPublisher registry = new EventPublisher(); Connection c = dataSource.getConnection();
                PreparedStatement name = c.prepareStatement("SELECT name FROM known_network WHERE code = ?")) {
            for (int i = 0; i < LAG_SAMPLES; i++) {
                String code = codes.get(i);
                String newName = "RENAMED " + i;
                long start = System.nanoTime();
                registry.publish(Topics.REGISTRY, code, new NetworkRenamed(code, "BENCH PCN " + code, newName,
                        LocalDate.of(2024, 4, 1)));
                name.setString(1, code);
                while (true) {
                    try (ResultSet rs = name.executeQuery()) {
                        rs.next();
                        if (newName.equals(rs.getString(1))) {
                            break;
                        }
                    }
                    if (System.nanoTime() - start > Duration.ofSeconds(30).toNanos()) {
                        throw new IllegalStateException("rename of " + code + " never applied");
                    }
                }
                micros.add((System.nanoTime() - start) / 1000);
            }
        }
        Collections.sort(micros);
        line("Registry event to workforce read model, p50 (" + LAG_SAMPLES + " events, publish acknowledged "
                + "included)", micros.get(micros.size() / 2) / 1000.0 + " ms");
        line("Registry event to workforce read model, p99", micros.get((int) (micros.size() * 0.99) - 1) / 1000.0
                + " ms");
    }

    private void seedAppointments(List<String> codes) throws Exception {
        Random random = new Random(42);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement a = c.prepareStatement("""
                    INSERT INTO appointment (id, network_code, staff_reference, role_code, employing_organisation,
                                             start_date, end_date) VALUES (?, ?, ?, ?, 'Lead practice', ?, ?)""");
                    PreparedStatement t = c.prepareStatement("""
                            INSERT INTO appointment_terms (id, appointment_id, effective_from, wte,
                                full_time_annual_salary, full_time_annual_on_costs)
                            VALUES (nextval('appointment_terms_seq'), ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < APPOINTMENTS; i++) {
                    UUID id = UUID.randomUUID();
                    String[] role = ROLES[random.nextInt(ROLES.length)];
                    LocalDate startDate = LocalDate.of(2023, 4, 1).plusDays(random.nextInt(450));
                    LocalDate end = random.nextInt(10) == 0 ? startDate.plusDays(200 + random.nextInt(300)) : null;
                    a.setObject(1, id);
                    a.setString(2, codes.get(i % codes.size()));
                    a.setString(3, "BENCH-" + i);
                    a.setString(4, role[0]);
                    a.setDate(5, Date.valueOf(startDate));
                    a.setDate(6, end == null ? null : Date.valueOf(end));
                    a.addBatch();
                    BigDecimal salary = new BigDecimal(role[1]).add(BigDecimal.valueOf(random.nextInt(20_000)));
                    addTerms(t, id, startDate, BigDecimal.valueOf(2 + random.nextInt(9), 1), salary);
                    if (random.nextInt(4) == 0) { // a quarter change hours on a later date
                        addTerms(t, id, startDate.plusDays(30 + random.nextInt(300)),
                                BigDecimal.valueOf(2 + random.nextInt(9), 1), salary);
                    }
                    if (i % 1000 == 999) {
                        a.executeBatch();
                        t.executeBatch();
                    }
                }
                a.executeBatch();
                t.executeBatch();
            }
            c.commit();
        }
    }

    private static void addTerms(PreparedStatement t, UUID id, LocalDate from, BigDecimal wte, BigDecimal salary)
            throws Exception {
        t.setObject(1, id);
        t.setDate(2, Date.valueOf(from));
        t.setBigDecimal(3, wte);
        t.setBigDecimal(4, salary);
        t.setBigDecimal(5, salary.multiply(new BigDecimal("0.24")).setScale(2, java.math.RoundingMode.HALF_UP));
        t.addBatch();
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String ms(long nanos) {
        return String.format("%,d ms", nanos / 1_000_000);
    }

    private void line(String what, String figure) {
        report.append("| ").append(what).append(" | ").append(figure).append(" |\n");
    }
}
