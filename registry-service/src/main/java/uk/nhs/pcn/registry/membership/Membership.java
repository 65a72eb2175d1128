package uk.nhs.pcn.registry.membership;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One spell of a practice's core membership of a network, {@code startDate} to {@code endDate} inclusive. */
@Entity
public class Membership extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "membership_seq")
    @SequenceGenerator(name = "membership_seq", sequenceName = "membership_seq", allocationSize = 50)
    public Long id;

    @Column(name = "practice_code")
    public String practiceCode;

    @Column(name = "network_code")
    public String networkCode;

    @Column(name = "start_date")
    public LocalDate startDate;

    /** Last day of membership; null while current. */
    @Column(name = "end_date")
    public LocalDate endDate;

    public Spell spell() {
        return new Spell(networkCode, startDate, endDate);
    }
}
