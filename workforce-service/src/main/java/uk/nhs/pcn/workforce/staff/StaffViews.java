package uk.nhs.pcn.workforce.staff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the API answers about staff. */
public final class StaffViews {

    private StaffViews() {
    }

    public record TermsView(LocalDate from, BigDecimal wte, BigDecimal fullTimeAnnualSalary,
            BigDecimal fullTimeAnnualOnCosts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AppointmentView(UUID id, String networkCode, String staffReference, String roleCode,
            String employingOrganisation, String payBand, LocalDate startDate, LocalDate endDate,
            LocalDate atRiskSince, List<TermsView> terms) {

        public static AppointmentView of(Appointment a) {
            return new AppointmentView(a.id, a.networkCode, a.staffReference, a.roleCode, a.employingOrganisation,
                    a.payBand, a.startDate, a.endDate, a.atRiskSince, a.terms().stream()
                            .map(t -> new TermsView(t.effectiveFrom, t.wte, t.fullTimeAnnualSalary,
                                    t.fullTimeAnnualOnCosts))
                            .toList());
        }
    }

    public record RoleCount(String roleCode, String roleName, int headcount, BigDecimal wte) {
    }

    /** Headcount and WTE by role on a date. */
    public record WorkforceSummary(String networkCode, LocalDate asAt, int headcount, BigDecimal wte,
            List<RoleCount> roles) {
    }
}
