package uk.nhs.pcn.referral.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import uk.nhs.pcn.referral.pathway.PathwayState;

/**
 * A social prescribing referral. The person's details are patient-identifiable: they are read only through
 * {@link uk.nhs.pcn.referral.audit.AccessAudit}-recorded reads, never logged and never published (events carry
 * {@link #personPseudonym} instead). {@code toString()} is deliberately not overridden with fields.
 */
@Entity
@Table(name = "referral")
public class Referral extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "network_code")
    public String networkCode;

    @Column(name = "practice_code")
    public String practiceCode;

    @Enumerated(EnumType.STRING)
    public ReferralSource source;

    @Column(name = "nhs_number")
    public String nhsNumber;

    @Column(name = "given_name")
    public String givenName;

    @Column(name = "family_name")
    public String familyName;

    @Column(name = "date_of_birth")
    public LocalDate dateOfBirth;

    public String phone;

    public String email;

    public String address;

    @Column(name = "person_pseudonym")
    public String personPseudonym;

    @Column(name = "age_band")
    public String ageBand;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "referral_need", joinColumns = @JoinColumn(name = "referral_id"))
    @Column(name = "need")
    @Enumerated(EnumType.STRING)
    public Set<Need> needs = new LinkedHashSet<>();

    @Column(name = "referrer_notes")
    public String referrerNotes;

    @Column(name = "consent_to_share")
    public boolean consentToShare;

    @Column(name = "referral_date")
    public LocalDate referralDate;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** The user (token subject) who made the referral. */
    @Column(name = "referred_by")
    public String referredBy;

    @Enumerated(EnumType.STRING)
    public PathwayState state;

    /** Mirrors {@code state.isOpen()}, for the one-open-referral-per-person index. */
    public boolean open;

    /** The link worker's workforce appointment; null while the referral waits in the network's queue. */
    @Column(name = "appointment_id")
    public String appointmentId;

    @Column(name = "queued_since")
    public Instant queuedSince;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "first_contact_at")
    public Instant firstContactAt;

    @Column(name = "what_matters")
    public String whatMatters;

    public String plan;

    @Column(name = "close_reason")
    public String closeReason;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Version
    public int version;

    public void moveTo(PathwayState next) {
        state = next;
        open = next.isOpen();
    }

    @Override
    public String toString() {
        return "Referral[" + id + "]";
    }
}
