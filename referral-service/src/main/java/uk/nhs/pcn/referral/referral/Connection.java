package uk.nhs.pcn.referral.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A service the person was connected to: community, voluntary or statutory; signposted or referred. */
@Entity
@Table(name = "connection")
public class Connection extends PanacheEntityBase {

    public enum ServiceType { COMMUNITY, VOLUNTARY, STATUTORY }

    public enum Mode { SIGNPOSTED, REFERRED }

    @Id
    public UUID id;

    @Column(name = "referral_id")
    public UUID referralId;

    @Column(name = "service_name")
    public String serviceName;

    @Column(name = "service_type")
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public ServiceType serviceType;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Mode mode;

    @Column(name = "connected_on")
    public LocalDate connectedOn;

    /** Whether the person attended; null until known. */
    public Boolean attended;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;
}
