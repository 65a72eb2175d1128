package uk.nhs.pcn.registry.practice;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A practice's populations as at a date: registered list (raw count), contractor weighted population (Carr-Hill)
 * and PCN adjusted population. Kept apart because different payments use different ones. The registered count
 * and the weighted population may come from different files, so each names its source.
 */
@Entity
@Table(name = "list_size")
public class ListSize extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "list_size_seq")
    @SequenceGenerator(name = "list_size_seq", sequenceName = "list_size_seq", allocationSize = 50)
    public Long id;

    @Column(name = "practice_code")
    public String practiceCode;

    @Column(name = "as_at")
    public LocalDate asAt;

    @Column(name = "registered_patients")
    public int registeredPatients;

    @Column(name = "weighted_population")
    public BigDecimal weightedPopulation;

    @Column(name = "adjusted_population")
    public BigDecimal adjustedPopulation;

    /**
     * Where the registered count (and the adjusted population) came from: {@code api} or the import file kind,
     * see {@link uk.nhs.pcn.events.registry.ListSizeRecorded}'s SOURCE_ constants.
     */
    public String source;

    /** Where the weighted population came from; null when none is held. */
    @Column(name = "weighted_source")
    public String weightedSource;

    public boolean sameFigures(int registered, BigDecimal weighted, BigDecimal adjusted) {
        return registeredPatients == registered && sameNumber(weightedPopulation, weighted)
                && sameNumber(adjustedPopulation, adjusted);
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
