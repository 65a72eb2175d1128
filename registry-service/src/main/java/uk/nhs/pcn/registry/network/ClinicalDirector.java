package uk.nhs.pcn.registry.network;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A network's clinical director from a date (until the next appointment). */
@Entity
@Table(name = "clinical_director")
public class ClinicalDirector extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "clinical_director_seq")
    @SequenceGenerator(name = "clinical_director_seq", sequenceName = "clinical_director_seq", allocationSize = 50)
    public Long id;

    @Column(name = "network_code")
    public String networkCode;

    public String name;

    @Column(name = "from_date")
    public LocalDate fromDate;
}
