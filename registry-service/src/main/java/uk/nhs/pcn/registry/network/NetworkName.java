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

/** A network's name from a date (until the next row's date). */
@Entity
@Table(name = "network_name")
public class NetworkName extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "network_name_seq")
    @SequenceGenerator(name = "network_name_seq", sequenceName = "network_name_seq", allocationSize = 50)
    public Long id;

    @Column(name = "network_code")
    public String networkCode;

    public String name;

    @Column(name = "effective_from")
    public LocalDate effectiveFrom;

    public static NetworkName of(String networkCode, String name, LocalDate from) {
        NetworkName n = new NetworkName();
        n.networkCode = networkCode;
        n.name = name;
        n.effectiveFrom = from;
        return n;
    }
}
