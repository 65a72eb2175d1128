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

    /**
     * The applied ePCN import ({@code import_run}) that ended this spell, so that an older file listing it as
     * current can be refused by that import's name; null when it is current or was ended through the API.
     */
    @Column(name = "ended_by_import")
    public Long endedByImport;

    /** The spell ends on {@code lastDay} by a change made through the API. */
    public void endOn(LocalDate lastDay) {
        endDate = lastDay;
        endedByImport = null;
    }

    public Spell spell() {
        return new Spell(networkCode, startDate, endDate);
    }
}
