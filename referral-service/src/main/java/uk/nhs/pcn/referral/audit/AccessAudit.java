package uk.nhs.pcn.referral.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One read of a patient-identifiable record: who, with which roles, when, what, and why if they said. */
@Entity
@Table(name = "access_audit")
public class AccessAudit extends PanacheEntityBase {

    /** What was read. */
    public enum What { REFERRAL, FHIR_BUNDLE, MESSAGE_BACK }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "referral_id")
    public UUID referralId;

    @Column(name = "network_code")
    public String networkCode;

    @Column(name = "read_by")
    public String readBy;

    public String roles;

    @Column(name = "read_at")
    public Instant readAt;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public What what;

    public String reason;
}
