package uk.nhs.pcn.registry.imports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import uk.nhs.pcn.platform.ods.OdsCodes;
import uk.nhs.pcn.platform.problem.Problem.FieldError;
import uk.nhs.pcn.registry.membership.Spell;

/**
 * Reads and validates the two ePCN tables (PCN Details, PCN Core Partner Details). Columns are found by header
 * name, accepting both the CCG-era and the Sub-ICB-era names. Every problem is collected with its sheet, row
 * and column, so one upload shows them all.
 */
public final class EpcnParser {

    static final String DETAILS = "PCN Details";
    static final String PARTNERS = "PCN Core Partner Details";

    // Accepted header names (normalised: lower case, single spaces), first match wins.
    static final List<String> PCN_CODE = List.of("pcn code");
    static final List<String> PCN_NAME = List.of("pcn name");
    static final List<String> PCN_COMMISSIONER = List.of("current clinical commissioning group code",
            "current sub icb loc code", "current sub icb location code", "sub icb location code",
            "commissioner code");
    static final List<String> OPEN_DATE = List.of("open date (yyyymmdd)", "open date");
    static final List<String> CLOSE_DATE = List.of("close date (yyyymmdd)", "close date");
    static final List<String> POSTCODE = List.of("postcode");
    static final List<String> PRACTICE_CODE = List.of("partner organisation code");
    static final List<String> PRACTICE_NAME = List.of("partner name");
    static final List<String> PRACTICE_COMMISSIONER = List.of("practice parent ccg code",
            "practice parent sub icb loc code", "practice parent sub icb location code");
    static final List<String> START_DATE = List.of("practice to pcn relationship start date");
    static final List<String> END_DATE = List.of("practice to pcn relationship end date");

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final List<FieldError> problems = new ArrayList<>();

    private EpcnParser() {
    }

    /** The file, or the full list of problems found. */
    public sealed interface Result permits Valid, Invalid {
    }

    public record Valid(EpcnFile file) implements Result {
    }

    public record Invalid(List<FieldError> problems) implements Result {
    }

    public static Result parse(Table details, Table partners) {
        return new EpcnParser().run(details, partners);
    }

    private Result run(Table details, Table partners) {
        Columns d = new Columns(details, DETAILS);
        Optional<String> code = d.require("PCN Code", PCN_CODE);
        Optional<String> name = d.require("PCN Name", PCN_NAME);
        Optional<String> commissioner = d.require("Current Sub ICB Loc Code (or CCG Code)", PCN_COMMISSIONER);
        Optional<String> open = d.require("Open Date", OPEN_DATE);
        Optional<String> close = d.optional(CLOSE_DATE);
        Optional<String> postcode = d.optional(POSTCODE);
        Columns p = new Columns(partners, PARTNERS);
        Optional<String> practiceCode = p.require("Partner Organisation Code", PRACTICE_CODE);
        Optional<String> practiceName = p.require("Partner Name", PRACTICE_NAME);
        Optional<String> practiceCommissioner = p.require("Practice Parent Sub ICB Loc Code (or CCG Code)",
                PRACTICE_COMMISSIONER);
        Optional<String> networkCode = p.require("PCN Code", PCN_CODE);
        Optional<String> start = p.require("Practice to PCN Relationship Start Date", START_DATE);
        Optional<String> end = p.require("Practice to PCN Relationship End Date", END_DATE);
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }

        Map<String, EpcnFile.NetworkRow> networks = new HashMap<>();
        List<EpcnFile.NetworkRow> networkRows = new ArrayList<>();
        for (Table.Row row : details.rows()) {
            String c = row.get(code).toUpperCase(java.util.Locale.ROOT);
            check(OdsCodes.isNetwork(c), DETAILS, row, code, "not a PCN code (U followed by 5 digits): '" + c + "'");
            String n = row.get(name);
            check(!n.isEmpty() && n.length() <= 200, DETAILS, row, name, "a name of 1 to 200 characters is required");
            String comm = row.get(commissioner).toUpperCase(java.util.Locale.ROOT);
            check(OdsCodes.isCommissioner(comm), DETAILS, row, commissioner,
                    "not a 3-character commissioner code: '" + comm + "'");
            LocalDate openDate = date(DETAILS, row, open, true);
            LocalDate closeDate = date(DETAILS, row, close, false);
            if (openDate != null && closeDate != null && closeDate.isBefore(openDate)) {
                problem(DETAILS, row, close, "the close date " + closeDate + " is before the open date " + openDate);
            }
            EpcnFile.NetworkRow network = new EpcnFile.NetworkRow(row.number(), c, n, comm, openDate, closeDate,
                    blankToNull(row.get(postcode)));
            EpcnFile.NetworkRow duplicate = networks.putIfAbsent(c, network);
            if (duplicate != null) {
                problem(DETAILS, row, code, "PCN " + c + " is listed twice (also row " + duplicate.row() + ")");
            }
            networkRows.add(network);
        }

        Map<String, List<EpcnFile.MembershipRow>> byPractice = new HashMap<>();
        List<EpcnFile.MembershipRow> membershipRows = new ArrayList<>();
        for (Table.Row row : partners.rows()) {
            String pc = row.get(practiceCode).toUpperCase(java.util.Locale.ROOT);
            check(OdsCodes.isPractice(pc), PARTNERS, row, practiceCode,
                    "not a GP practice code (a letter and 5 digits): '" + pc + "'");
            String pn = row.get(practiceName);
            check(!pn.isEmpty() && pn.length() <= 200, PARTNERS, row, practiceName,
                    "a name of 1 to 200 characters is required");
            String pcomm = row.get(practiceCommissioner).toUpperCase(java.util.Locale.ROOT);
            check(OdsCodes.isCommissioner(pcomm), PARTNERS, row, practiceCommissioner,
                    "not a 3-character commissioner code: '" + pcomm + "'");
            String nc = row.get(networkCode).toUpperCase(java.util.Locale.ROOT);
            EpcnFile.NetworkRow network = networks.get(nc);
            check(network != null, PARTNERS, row, networkCode, "PCN " + nc + " is not in the " + DETAILS + " sheet");
            LocalDate s = date(PARTNERS, row, start, true);
            LocalDate e = date(PARTNERS, row, end, false);
            if (s != null && e != null && e.isBefore(s)) {
                problem(PARTNERS, row, end, "the end date " + e + " is before the start date " + s);
            } else if (s != null && network != null && network.openDate() != null) {
                if (s.isBefore(network.openDate())) {
                    problem(PARTNERS, row, start, "starts on " + s + ", before PCN " + nc + " opens on "
                            + network.openDate());
                }
                if (network.closeDate() != null && (e == null || e.isAfter(network.closeDate()))) {
                    problem(PARTNERS, row, end, "runs past PCN " + nc + "'s close date " + network.closeDate());
                }
            }
            EpcnFile.MembershipRow membership = new EpcnFile.MembershipRow(row.number(), pc, pn, pcomm, nc, s, e);
            membershipRows.add(membership);
            if (s != null) {
                for (EpcnFile.MembershipRow other : byPractice.computeIfAbsent(pc, k -> new ArrayList<>())) {
                    if (spell(other).overlaps(spell(membership))) {
                        problem(PARTNERS, row, start, "practice " + pc + " is also a member of "
                                + spell(other).describe() + " (row " + other.row()
                                + "); a practice belongs to at most one PCN on any day");
                    }
                }
                byPractice.get(pc).add(membership);
            }
        }
        return problems.isEmpty() ? new Valid(new EpcnFile(networkRows, membershipRows)) : new Invalid(problems);
    }

    private static Spell spell(EpcnFile.MembershipRow m) {
        return new Spell(m.networkCode(), m.start(), m.end());
    }

    private LocalDate date(String sheet, Table.Row row, Optional<String> column, boolean required) {
        String text = row.get(column);
        if (text.isEmpty()) {
            if (required) {
                problem(sheet, row, column, "a date (YYYYMMDD) is required");
            }
            return null;
        }
        try {
            return LocalDate.parse(text.replace("-", ""), YYYYMMDD);
        } catch (DateTimeParseException e) {
            problem(sheet, row, column, "not a date in the form YYYYMMDD: '" + text + "'");
            return null;
        }
    }

    private void check(boolean ok, String sheet, Table.Row row, Optional<String> column, String message) {
        if (!ok) {
            problem(sheet, row, column, message);
        }
    }

    private void problem(String sheet, Table.Row row, Optional<String> column, String message) {
        problems.add(new FieldError(sheet, "epcn-row", message, row.number(), column.orElse(null)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Finds the columns of one table, recording a problem for each required column it lacks. */
    private final class Columns {
        private final Table table;
        private final String sheet;

        Columns(Table table, String sheet) {
            this.table = table;
            this.sheet = sheet;
        }

        Optional<String> require(String displayName, List<String> accepted) {
            Optional<String> column = table.column(accepted);
            if (column.isEmpty()) {
                problems.add(new FieldError(sheet, "missing-column", "The " + sheet + " sheet has no '" + displayName
                        + "' column (accepted headers: " + accepted + ")", 1, displayName));
            }
            return column;
        }

        Optional<String> optional(List<String> accepted) {
            return table.column(accepted);
        }
    }
}
