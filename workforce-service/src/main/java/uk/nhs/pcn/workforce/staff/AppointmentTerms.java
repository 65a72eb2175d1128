package uk.nhs.pcn.workforce.staff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An appointment's working hours and full-time pay from a date until the next terms. */
@Entity
@Table(name = "appointment_terms")
public class AppointmentTerms extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "appointment_terms_seq")
    @SequenceGenerator(name = "appointment_terms_seq", sequenceName = "appointment_terms_seq", allocationSize = 50)
    public Long id;

    @Column(name = "appointment_id")
    public UUID appointmentId;

    @Column(name = "effective_from")
    public LocalDate effectiveFrom;

    public BigDecimal wte;

    @Column(name = "full_time_annual_salary")
    public BigDecimal fullTimeAnnualSalary;

    @Column(name = "full_time_annual_on_costs")
    public BigDecimal fullTimeAnnualOnCosts;

    public StaffTimeline.Terms value() {
        return new StaffTimeline.Terms(effectiveFrom, wte, fullTimeAnnualSalary, fullTimeAnnualOnCosts);
    }
}
