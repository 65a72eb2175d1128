package uk.nhs.pcn.registry.network;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A Primary Care Network, identified by its ODS code. Open from {@code openDate} to {@code closeDate} inclusive. */
@Entity
public class Network extends PanacheEntityBase {

    @Id
    public String code;

    /** The current name; {@link NetworkName} keeps the history. */
    public String name;

    @Column(name = "commissioner_code")
    public String commissionerCode;

    @Column(name = "open_date")
    public LocalDate openDate;

    @Column(name = "close_date")
    public LocalDate closeDate;

    public String postcode;

    @Version
    public long version;

    public boolean isOpenOn(LocalDate date) {
        return !date.isBefore(openDate) && (closeDate == null || !date.isAfter(closeDate));
    }

    public NetworkStatus statusOn(LocalDate date) {
        if (date.isBefore(openDate)) {
            return NetworkStatus.NOT_YET_OPEN;
        }
        return closeDate != null && date.isAfter(closeDate) ? NetworkStatus.CLOSED : NetworkStatus.OPEN;
    }
}
