package uk.nhs.pcn.referral.referral;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One step of a referral's history: received, assigned, accepted, ..., with when and by whom. */
@Entity
@Table(name = "referral_step")
public class ReferralStep extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "referral_id")
    public UUID referralId;

    public String step;

    public Instant at;

    @Column(name = "by_user")
    public String byUser;

    public String note;

    public static ReferralStep of(UUID referralId, String step, Instant at, String byUser, String note) {
        ReferralStep s = new ReferralStep();
        s.referralId = referralId;
        s.step = step;
        s.at = at;
        s.byUser = byUser;
        s.note = note;
        return s;
    }
}
