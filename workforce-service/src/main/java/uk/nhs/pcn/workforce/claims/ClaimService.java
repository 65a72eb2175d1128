package uk.nhs.pcn.workforce.claims;

import static uk.nhs.pcn.platform.sql.SqlValues.date;
import static uk.nhs.pcn.platform.sql.SqlValues.timestamp;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.nhs.pcn.events.workforce.MonthlyClaimCalculated;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.registry.RegistryReadModel;
import uk.nhs.pcn.workforce.events.WorkforceEvents;
import uk.nhs.pcn.workforce.rules.ArrsRules;
import uk.nhs.pcn.platform.time.FinancialYear;
import uk.nhs.pcn.workforce.staff.Appointment;
import uk.nhs.pcn.workforce.staff.AppointmentTerms;
import uk.nhs.pcn.workforce.staff.StaffTimeline;

/** Calculates, stores and publishes monthly claims; answers year-to-date totals. */
@ApplicationScoped
public class ClaimService {

    @Inject
    ArrsRules rules;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Inject
    WorkforceEvents events;

    @Inject
    RegistryReadModel registry;

    /**
     * A month's claim. When {@code complete} is false, {@code total} is the sum of the calculated {@code lines}
     * only and {@code unavailableLines} lists what still needs a figure; {@code yearToDateComplete} is false when
     * any month counted in {@code yearToDate} is incomplete.
     */
    public record StoredClaim(String networkCode, YearMonth month, String financialYear,
            @Schema(description = "false when some lines need a figure the ARRS rule set marks unknown") boolean complete,
            List<ClaimLine> lines,
            @Schema(description = "lines that cannot be calculated yet, with the figure each needs; not in total")
            List<UnavailableLine> unavailableLines,
            @Schema(description = "pounds: the sum of lines (when complete is false, not the whole month)")
            BigDecimal total,
            BigDecimal yearToDate,
            @Schema(description = "false when any month counted in yearToDate is incomplete") boolean yearToDateComplete,
            OffsetDateTime calculatedAt) {
    }

    /** A calculation's result; {@code replaced} when the month had been calculated before. */
    public record Calculation(StoredClaim claim, boolean replaced) {
    }

    public record MonthTotal(YearMonth month, BigDecimal total, boolean complete) {
    }

    /** {@code complete} is false when any month counted in {@code total} is incomplete; those are listed. */
    public record YearToDate(String networkCode, String financialYear, List<MonthTotal> months, BigDecimal total,
            boolean complete, List<YearMonth> incompleteMonths) {

        YearToDate upTo(YearMonth month) {
            List<MonthTotal> counted = months.stream().filter(m -> !m.month().isAfter(month)).toList();
            return of(networkCode, financialYear, counted);
        }

        static YearToDate of(String networkCode, String financialYear, List<MonthTotal> months) {
            List<YearMonth> incomplete = months.stream().filter(m -> !m.complete()).map(MonthTotal::month).toList();
            return new YearToDate(networkCode, financialYear, months,
                    months.stream().map(MonthTotal::total).reduce(BigDecimal.ZERO, BigDecimal::add),
                    incomplete.isEmpty(), incomplete);
        }
    }

    /** Calculates the month's claim (replacing an earlier calculation), stores it and publishes it. */
    @Transactional
    public Calculation calculate(String networkCode, YearMonth month) {
        registry.requireNetwork(networkCode);
        boolean replaced = !entityManager.createNativeQuery(
                "SELECT 1 FROM monthly_claim WHERE network_code = ?1 AND month = ?2")
                .setParameter(1, networkCode).setParameter(2, month.atDay(1)).getResultList().isEmpty();
        ClaimCalculator.Claim claim = ClaimCalculator.calculate(rules.current(), month,
                timelinesInPost(List.of(networkCode), month).getOrDefault(networkCode, List.of()));
        OffsetDateTime now = OffsetDateTime.now();
        entityManager.createNativeQuery("""
                INSERT INTO monthly_claim (network_code, month, financial_year, total_amount, calculated_at, lines,
                                           complete, unavailable_lines)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                ON CONFLICT (network_code, month) DO UPDATE SET total_amount = EXCLUDED.total_amount,
                    calculated_at = EXCLUDED.calculated_at, lines = EXCLUDED.lines, complete = EXCLUDED.complete,
                    unavailable_lines = EXCLUDED.unavailable_lines""")
                .setParameter(1, networkCode).setParameter(2, month.atDay(1))
                .setParameter(3, claim.financialYear().toString()).setParameter(4, claim.total())
                .setParameter(5, now).setParameter(6, write(claim.lines())).setParameter(7, claim.complete())
                .setParameter(8, write(claim.unavailableLines())).executeUpdate();
        YearToDate ytd = yearToDate(networkCode, claim.financialYear()).upTo(month);
        events.publish(networkCode, new MonthlyClaimCalculated(networkCode, month.toString(),
                claim.financialYear().toString(), claim.lines().size(), claim.total(), ytd.total(), month.atDay(1),
                claim.complete(), claim.unavailableLines().stream().map(ClaimService::published).toList(),
                ytd.complete()));
        return new Calculation(new StoredClaim(networkCode, month, claim.financialYear().toString(),
                claim.complete(), claim.lines(), claim.unavailableLines(), claim.total(), ytd.total(), ytd.complete(),
                now), replaced);
    }

    /** What the topic carries of an unavailable line: no pay, only the opaque staff reference. */
    private static MonthlyClaimCalculated.UnavailableLine published(UnavailableLine line) {
        return new MonthlyClaimCalculated.UnavailableLine(line.appointmentId().toString(), line.staffReference(),
                line.roleCode(), line.from(), line.to(), line.wte(), line.missingFigure(), line.reason(),
                line.unknownFrom());
    }

    /** Calculates a month for many networks at once (used by the benchmark and a month-end run). */
    public Map<String, ClaimCalculator.Claim> calculateOnly(List<String> networkCodes, YearMonth month) {
        Map<String, List<StaffTimeline>> byNetwork = timelinesInPost(networkCodes, month);
        Map<String, ClaimCalculator.Claim> claims = new HashMap<>();
        for (String code : networkCodes) {
            claims.put(code, ClaimCalculator.calculate(rules.current(), month, byNetwork.getOrDefault(code,
                    List.of())));
        }
        return claims;
    }

    public StoredClaim stored(String networkCode, YearMonth month) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT financial_year, total_amount, calculated_at, lines, complete, unavailable_lines
                FROM monthly_claim WHERE network_code = ?1 AND month = ?2""")
                .setParameter(1, networkCode).setParameter(2, month.atDay(1)).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Claim", networkCode + " " + month
                    + " (calculate it with POST first)");
        }
        Object[] r = rows.get(0);
        YearToDate ytd = yearToDate(networkCode, FinancialYear.of(month.atDay(1))).upTo(month);
        return new StoredClaim(networkCode, month, (String) r[0], (Boolean) r[4], read((String) r[3], LINES),
                read((String) r[5], UNAVAILABLE), (BigDecimal) r[1], ytd.total(), ytd.complete(), timestamp(r[2]));
    }

    public YearToDate yearToDate(String networkCode, FinancialYear fy) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT month, total_amount, complete FROM monthly_claim
                WHERE network_code = ?1 AND month BETWEEN ?2 AND ?3 ORDER BY month""")
                .setParameter(1, networkCode).setParameter(2, fy.start()).setParameter(3, fy.end()).getResultList();
        List<MonthTotal> months = new ArrayList<>();
        for (Object[] r : rows) {
            months.add(new MonthTotal(YearMonth.from(date(r[0])), (BigDecimal) r[1], (Boolean) r[2]));
        }
        return YearToDate.of(networkCode, fy.toString(), months);
    }

    /** The appointments in post during the month, with their terms, per network, in two queries. */
    private Map<String, List<StaffTimeline>> timelinesInPost(List<String> networkCodes, YearMonth month) {
        List<Appointment> appointments = Appointment.list(
                "networkCode in ?1 and startDate <= ?2 and (endDate is null or endDate >= ?3)", networkCodes,
                month.atEndOfMonth(), month.atDay(1));
        if (appointments.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<AppointmentTerms>> terms = AppointmentTerms.<AppointmentTerms>list(
                "appointmentId in ?1 order by effectiveFrom", appointments.stream().map(a -> a.id).toList())
                .stream().collect(Collectors.groupingBy(t -> t.appointmentId));
        return appointments.stream().collect(Collectors.groupingBy(a -> a.networkCode,
                Collectors.mapping(a -> a.timeline(terms.getOrDefault(a.id, List.of())), Collectors.toList())));
    }

    private static final TypeReference<List<ClaimLine>> LINES = new TypeReference<>() {
    };
    private static final TypeReference<List<UnavailableLine>> UNAVAILABLE = new TypeReference<>() {
    };

    private String write(List<?> lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> List<T> read(String lines, TypeReference<List<T>> type) {
        try {
            return json.readValue(lines, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
