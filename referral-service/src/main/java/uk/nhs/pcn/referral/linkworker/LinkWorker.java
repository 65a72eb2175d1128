package uk.nhs.pcn.referral.linkworker;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A social prescribing link worker appointment as workforce-service published it ({@code linkWorker: true}):
 * this service's read model, never written by its API. Only a staff reference: no name.
 */
@Entity
@Table(name = "link_worker")
public class LinkWorker extends PanacheEntityBase {

    @Id
    @Column(name = "appointment_id")
    public String appointmentId;

    @Column(name = "network_code")
    public String networkCode;

    @Column(name = "staff_reference")
    public String staffReference;

    public BigDecimal wte;

    @Column(name = "start_date")
    public LocalDate startDate;

    /** The last day in post; null while the appointment is open-ended. */
    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "threshold_reached")
    public boolean thresholdReached;

    /** Takes new referrals on the day: started, and not on or after their last day (when the caseload is handed over). */
    public boolean takesReferralsOn(LocalDate day) {
        return !startDate.isAfter(day) && (endDate == null || day.isBefore(endDate));
    }
}
