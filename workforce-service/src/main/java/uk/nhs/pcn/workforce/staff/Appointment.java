package uk.nhs.pcn.workforce.staff;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A member of staff's appointment to an ARRS role in a network. Holds no personal data beyond the employer's
 * opaque staff reference.
 */
@Entity
public class Appointment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "network_code")
    public String networkCode;

    @Column(name = "staff_reference")
    public String staffReference;

    @Column(name = "role_code")
    public String roleCode;

    @Column(name = "employing_organisation")
    public String employingOrganisation;

    @Column(name = "pay_band")
    public String payBand;

    @Column(name = "start_date")
    public LocalDate startDate;

    /** Last day in post; null while open-ended. */
    @Column(name = "end_date")
    public LocalDate endDate;

    /** Set when the network closed while this appointment ran past the close date. */
    @Column(name = "at_risk_since")
    public LocalDate atRiskSince;

    @Version
    public long version;

    public List<AppointmentTerms> terms() {
        return AppointmentTerms.list("appointmentId = ?1 order by effectiveFrom", id);
    }

    public StaffTimeline timeline() {
        return timeline(terms());
    }

    public StaffTimeline timeline(List<AppointmentTerms> terms) {
        return new StaffTimeline(id, staffReference, roleCode, startDate, endDate,
                terms.stream().map(AppointmentTerms::value).toList());
    }
}
