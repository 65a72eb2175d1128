package uk.nhs.pcn.registry.network;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A non-GP organisation working with the network. */
@Entity
@Table(name = "partner_organisation")
public class PartnerOrganisation extends PanacheEntityBase {

    public enum Type {
        COMMUNITY_SERVICES, PHARMACY, VOLUNTARY_SECTOR, LOCAL_AUTHORITY, OTHER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "partner_organisation_seq")
    @SequenceGenerator(name = "partner_organisation_seq", sequenceName = "partner_organisation_seq",
            allocationSize = 50)
    public Long id;

    @Column(name = "network_code")
    public String networkCode;

    @Enumerated(EnumType.STRING)
    public Type type;

    public String name;

    @Column(name = "ods_code")
    public String odsCode;
}
