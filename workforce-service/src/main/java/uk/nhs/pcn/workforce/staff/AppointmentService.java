package uk.nhs.pcn.workforce.staff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import uk.nhs.pcn.events.workforce.AppointmentAtRisk;
import uk.nhs.pcn.events.workforce.AppointmentEnded;
import uk.nhs.pcn.events.workforce.PayChanged;
import uk.nhs.pcn.events.workforce.StaffAppointed;
import uk.nhs.pcn.events.workforce.WorkingHoursChanged;
import uk.nhs.pcn.platform.problem.Problem.FieldError;
import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.registry.KnownNetwork;
import uk.nhs.pcn.platform.registry.RegistryReadModel;
import uk.nhs.pcn.workforce.events.WorkforceEvents;
import uk.nhs.pcn.workforce.rules.ArrsRuleSet;
import uk.nhs.pcn.workforce.rules.ArrsRules;

/**
 * Appoints staff, changes their hours and pay from a date, and ends appointments. Every change is checked against
 * the network's dates (from the registry read model), the role's reimbursable dates and the network's caps, and
 * publishes its event. The network row is locked first, so concurrent changes to one network are checked in turn.
 */
@ApplicationScoped
public class AppointmentService {

    @Inject
    ArrsRules rules;

    @Inject
    RegistryReadModel registry;

    @Inject
    WorkforceEvents events;

    public record NewAppointment(String staffReference, String roleCode, BigDecimal wte, LocalDate startDate,
            LocalDate endDate, String employingOrganisation, String payBand, BigDecimal fullTimeAnnualSalary,
            BigDecimal fullTimeAnnualOnCosts) {
    }

    @Transactional
    public Appointment appoint(String networkCode, NewAppointment request) {
        if (request.staffReference().replaceAll("[\\s-]", "").matches("\\d{10}")) {
            throw ProblemException.invalid("staffReference", "not-nhs-number", "'staffReference' looks like an NHS "
                    + "number; use the employer's own staff reference (no NHS numbers are kept here)");
        }
        if (request.endDate() != null && request.endDate().isBefore(request.startDate())) {
            throw ProblemException.invalid("endDate", "after-start", "'endDate' " + request.endDate()
                    + " is before 'startDate' " + request.startDate());
        }
        KnownNetwork network = registry.lockNetwork(networkCode);
        ArrsRuleSet.Role role = reimbursableRole(request.roleCode(), request.startDate());
        requireWithinNetworkDates(network, request.startDate(), request.endDate());
        Appointment a = new Appointment();
        a.id = UUID.randomUUID();
        a.networkCode = networkCode;
        a.staffReference = request.staffReference().strip();
        a.roleCode = role.code();
        a.employingOrganisation = request.employingOrganisation().strip();
        a.payBand = request.payBand();
        a.startDate = request.startDate();
        a.endDate = request.endDate();
        AppointmentTerms terms = new AppointmentTerms();
        terms.appointmentId = a.id;
        terms.effectiveFrom = request.startDate();
        terms.wte = request.wte();
        terms.fullTimeAnnualSalary = request.fullTimeAnnualSalary();
        terms.fullTimeAnnualOnCosts = request.fullTimeAnnualOnCosts();
        checkCaps(a, List.of(terms));
        a.persist();
        terms.persist();
        events.publish(networkCode, new StaffAppointed(networkCode, a.id.toString(), a.staffReference, role.code(),
                role.name(), role.linkWorker(), terms.wte, a.startDate, a.endDate));
        return a;
    }

    @Transactional
    public Appointment changeHours(String networkCode, UUID id, BigDecimal wte, LocalDate from) {
        registry.lockNetwork(networkCode);
        Appointment a = require(networkCode, id);
        AppointmentTerms previous = termsToChange(a, from);
        AppointmentTerms changed = termsFrom(a, previous, from);
        changed.wte = wte;
        List<AppointmentTerms> after = replace(a.terms(), changed);
        checkCaps(a, after);
        changed.persist();
        events.publish(networkCode, new WorkingHoursChanged(networkCode, a.id.toString(), a.roleCode,
                linkWorker(a), previous.wte, wte, from));
        return a;
    }

    @Transactional
    public Appointment changePay(String networkCode, UUID id, BigDecimal salary, BigDecimal onCosts,
            LocalDate from) {
        registry.lockNetwork(networkCode);
        Appointment a = require(networkCode, id);
        AppointmentTerms previous = termsToChange(a, from);
        AppointmentTerms changed = termsFrom(a, previous, from);
        changed.fullTimeAnnualSalary = salary;
        changed.fullTimeAnnualOnCosts = onCosts;
        changed.persist();
        events.publish(networkCode, new PayChanged(networkCode, a.id.toString(), a.roleCode, salary, onCosts, from));
        return a;
    }

    @Transactional
    public Appointment end(String networkCode, UUID id, LocalDate lastDay) {
        registry.lockNetwork(networkCode);
        Appointment a = require(networkCode, id);
        if (lastDay.isBefore(a.startDate)) {
            throw ProblemException.invalid("lastDay", "after-start",
                    "The appointment starts on " + a.startDate + "; it cannot end on " + lastDay);
        }
        if (a.endDate != null && !lastDay.isBefore(a.endDate)) {
            throw ProblemException.conflict("already-ending", "Already ending",
                    "The appointment already ends on " + a.endDate, "lastDay");
        }
        a.endDate = lastDay;
        events.publish(networkCode, new AppointmentEnded(networkCode, a.id.toString(), a.roleCode, linkWorker(a),
                lastDay));
        return a;
    }

    /** The network closed: appointments running past its close date are flagged and announced, never ended. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void flagAtRisk(String networkCode, LocalDate closeDate) {
        List<Appointment> running = Appointment.list(
                "networkCode = ?1 and (endDate is null or endDate > ?2) and atRiskSince is null", networkCode,
                closeDate);
        for (Appointment a : running) {
            a.atRiskSince = closeDate;
            events.publish(networkCode, new AppointmentAtRisk(networkCode, a.id.toString(), a.roleCode,
                    linkWorker(a), closeDate, closeDate));
        }
    }

    public static Appointment require(String networkCode, UUID id) {
        Appointment a = Appointment.findById(id);
        if (a == null || !a.networkCode.equals(networkCode)) {
            throw ProblemException.notFound("Appointment", id + " in network " + networkCode);
        }
        return a;
    }

    private boolean linkWorker(Appointment a) {
        return rules.current().role(a.roleCode).map(ArrsRuleSet.Role::linkWorker).orElse(false);
    }

    private ArrsRuleSet.Role reimbursableRole(String code, LocalDate start) {
        ArrsRuleSet.Role role = rules.current().role(code).orElseThrow(() -> ProblemException.invalid("roleCode",
                "unknown-role", "'" + code + "' is not an ARRS role; GET /api/v1/arrs/roles lists them"));
        if (!role.reimbursableOn(start)) {
            throw ProblemException.unprocessable("role-not-reimbursable", "Role not reimbursable then",
                    List.of(new FieldError("startDate", "role-not-reimbursable", role.name()
                            + " is reimbursable under ARRS from " + role.reimbursableFrom() + ", not on " + start)));
        }
        return role;
    }

    private static void requireWithinNetworkDates(KnownNetwork n, LocalDate start, LocalDate end) {
        if (start.isBefore(n.openDate())) {
            throw ProblemException.conflict("outside-network-dates", "Outside the network's dates",
                    "Network " + n.code() + " opens on " + n.openDate() + "; an appointment cannot start on " + start,
                    "startDate");
        }
        if (n.closeDate() != null && (end == null || end.isAfter(n.closeDate()))) {
            throw ProblemException.conflict("outside-network-dates", "Outside the network's dates",
                    "Network " + n.code() + " closes on " + n.closeDate() + "; the appointment must end by then",
                    "endDate");
        }
    }

    private static AppointmentTerms termsToChange(Appointment a, LocalDate from) {
        if (from.isBefore(a.startDate) || a.endDate != null && from.isAfter(a.endDate)) {
            throw ProblemException.invalid("from", "in-post", "The appointment runs from " + a.startDate
                    + (a.endDate == null ? "" : " to " + a.endDate) + "; a change cannot take effect on " + from);
        }
        return a.terms().stream().filter(t -> !t.effectiveFrom.isAfter(from)).reduce((x, y) -> y).orElseThrow();
    }

    /** The terms row at {@code from}: the existing one on that date, or a copy of the terms in force then. */
    private static AppointmentTerms termsFrom(Appointment a, AppointmentTerms inForce, LocalDate from) {
        if (inForce.effectiveFrom.equals(from)) {
            return inForce;
        }
        AppointmentTerms t = new AppointmentTerms();
        t.appointmentId = a.id;
        t.effectiveFrom = from;
        t.wte = inForce.wte;
        t.fullTimeAnnualSalary = inForce.fullTimeAnnualSalary;
        t.fullTimeAnnualOnCosts = inForce.fullTimeAnnualOnCosts;
        return t;
    }

    private static List<AppointmentTerms> replace(List<AppointmentTerms> all, AppointmentTerms changed) {
        List<AppointmentTerms> result = new ArrayList<>(all.stream()
                .filter(t -> !t.effectiveFrom.equals(changed.effectiveFrom)).toList());
        result.add(changed);
        result.sort(java.util.Comparator.comparing(t -> t.effectiveFrom));
        return result;
    }

    private void checkCaps(Appointment candidate, List<AppointmentTerms> candidateTerms) {
        ArrsRuleSet ruleSet = rules.current();
        if (ruleSet.capsFor(candidate.roleCode).isEmpty()) {
            return;
        }
        List<StaffTimeline> others = Appointment.<Appointment>list("networkCode = ?1 and roleCode = ?2 and id <> ?3",
                candidate.networkCode, candidate.roleCode, candidate.id).stream().map(Appointment::timeline).toList();
        CapRules.check(ruleSet, candidate.networkCode, candidate.timeline(candidateTerms), others,
                fy -> registry.registeredPopulation(candidate.networkCode, fy.populationDate()));
    }
}
