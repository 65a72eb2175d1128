package uk.nhs.pcn.registry.practice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A GP practice (ODS prescribing cost centre), identified by its ODS code. */
@Entity
public class Practice extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    public String postcode;

    @Column(name = "commissioner_code")
    public String commissionerCode;

    @Version
    public long version;
}
