package uk.nhs.pcn.referral.pathway;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import uk.nhs.pcn.referral.pathway.ReferralSnapshot.Connection;
import uk.nhs.pcn.referral.pathway.ReferralSnapshot.Outcome;
import uk.nhs.pcn.referral.pathway.ReferralSnapshot.Person;
import uk.nhs.pcn.referral.pathway.ReferralSnapshot.Step;
import uk.nhs.pcn.referral.person.NhsNumber;

/** Referrals for tests: one just received, and one discharged after the whole pathway. */
public final class ReferralSnapshots {

    public static final UUID ID = UUID.fromString("3f2b8c1e-6a4d-4e0b-9b7a-2c5d8e9f0a11");
    public static final String NHS_NUMBER = "9990000018";
    public static final String APPOINTMENT = "b7e1c0de-0000-4000-8000-000000000042";

    private ReferralSnapshots() {
    }

    public static Person person() {
        return new Person(NhsNumber.parse(NHS_NUMBER), "Alex", "Testpatient", LocalDate.of(1961, 4, 12),
                "07700 900123", "alex@example.org", "1 Test Street, Leeds, LS1 1AA");
    }

    public static ReferralSnapshot received() {
        return new ReferralSnapshot(ID, "U45102", "A83005", person(), "GP", List.of("loneliness", "debt"), null,
                true, LocalDate.of(2025, 5, 6), Instant.parse("2025-05-06T09:15:00Z"), "Dr Jane Referrer", "RECEIVED",
                null, List.of(new Step("RECEIVED", Instant.parse("2025-05-06T09:15:00Z"), "Dr Jane Referrer", null)),
                null, null, List.of(), List.of(), null, null);
    }

    /** The referral in {@code state}, with the history of the full pathway up to it. */
    public static ReferralSnapshot inState(String state) {
        ReferralSnapshot full = discharged();
        boolean closed = ReferralSnapshot.CLOSED_STATES.contains(state);
        Instant closedAt = Instant.parse("2025-08-01T12:00:00Z");
        List<Step> steps = new ArrayList<>();
        switch (state) {
            case "DECLINED" -> {
                steps.add(full.steps().get(0));
                steps.add(new Step(state, Instant.parse("2025-05-08T10:00:00Z"), "lw-42", null));
            }
            case "DID_NOT_ATTEND", "WITHDRAWN" -> {
                steps.addAll(full.steps().subList(0, 3));
                steps.add(new Step(state, closedAt, "lw-42", null));
            }
            default -> steps.addAll(full.steps().subList(0, ReferralSnapshot.STATES.indexOf(state) + 1));
        }
        return new ReferralSnapshot(full.id(), full.networkCode(), full.practiceCode(), full.person(), full.source(),
                full.needs(), full.referrerNotes(), full.consentToShare(), full.referralDate(), full.receivedAt(),
                full.referredBy(), state, "RECEIVED".equals(state) ? null : full.appointmentId(), steps,
                full.whatMatters(), full.plan(), full.connections(), List.of(),
                closed ? "DECLINED".equals(state) ? "Person did not want support" : "Moved away" : null,
                "DECLINED".equals(state) ? Instant.parse("2025-05-08T10:00:00Z") : closed ? closedAt : null);
    }

    public static ReferralSnapshot discharged() {
        List<Step> steps = List.of(
                new Step("RECEIVED", Instant.parse("2025-05-06T09:15:00Z"), "Dr Jane Referrer", null),
                new Step("ACCEPTED", Instant.parse("2025-05-07T23:30:00Z"), "lw-42", null),
                new Step("FIRST_CONTACT", Instant.parse("2025-05-12T10:00:00Z"), "lw-42", "met at the surgery"),
                new Step("PLAN_AGREED", Instant.parse("2025-05-19T10:00:00Z"), "lw-42", null),
                new Step("CONNECTED", Instant.parse("2025-05-26T10:00:00Z"), "lw-42", null),
                new Step("FOLLOW_UP", Instant.parse("2025-06-16T10:00:00Z"), "lw-42", null),
                new Step("DISCHARGED", Instant.parse("2025-08-01T12:00:00Z"), "lw-42", null));
        List<Connection> connections = List.of(
                new Connection("Leeds Walking Group", "COMMUNITY", "SIGNPOSTED", LocalDate.of(2025, 5, 26), true),
                new Connection("Citizens Advice Leeds", "VOLUNTARY", "REFERRED", LocalDate.of(2025, 5, 27), false),
                new Connection("Adult Social Care", "STATUTORY", "REFERRED", LocalDate.of(2025, 6, 2), null));
        List<Outcome> outcomes = List.of(
                new Outcome("ONS4", "FIRST_CONTACT", List.of(4, 5, 6, 8), null, null,
                        Instant.parse("2025-05-12T10:30:00Z")),
                new Outcome("WEMWBS", "FIRST_CONTACT", Collections.nCopies(14, 2), 28, null,
                        Instant.parse("2025-05-12T10:35:00Z")),
                new Outcome("SWEMWBS", "FIRST_CONTACT", List.of(2, 2, 2, 2, 2, 2, 2), 14, new BigDecimal("15.32"),
                        Instant.parse("2025-05-12T10:40:00Z")),
                new Outcome("ONS4", "DISCHARGE", List.of(7, 5, 4, 3), null, null,
                        Instant.parse("2025-08-01T11:30:00Z")),
                new Outcome("WEMWBS", "DISCHARGE", Collections.nCopies(14, 3), 42, null,
                        Instant.parse("2025-08-01T11:35:00Z")),
                new Outcome("SWEMWBS", "DISCHARGE", List.of(3, 3, 3, 3, 3, 3, 3), 21, new BigDecimal("19.25"),
                        Instant.parse("2025-08-01T11:40:00Z")));
        return new ReferralSnapshot(ID, "U45102", "A83005", person(), "GP", List.of("loneliness", "debt"),
                "Recently bereaved; struggling with bills.", true, LocalDate.of(2025, 5, 6),
                Instant.parse("2025-05-06T09:15:00Z"), "Dr Jane Referrer", "DISCHARGED", APPOINTMENT, steps,
                "Getting out of the house and sorting out the bills", "Walking group; debt advice; care assessment",
                connections, outcomes, "Goals met", Instant.parse("2025-08-01T12:00:00Z"));
    }
}
