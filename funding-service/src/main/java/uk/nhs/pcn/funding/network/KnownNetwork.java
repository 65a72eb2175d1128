package uk.nhs.pcn.funding.network;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A network as the registry published it: this service's read model, never written by its API. */
@Entity
@Table(name = "known_network")
public class KnownNetwork extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    @Column(name = "commissioner_code")
    public String commissionerCode;

    @Column(name = "open_date")
    public LocalDate openDate;

    @Column(name = "close_date")
    public LocalDate closeDate;
}
