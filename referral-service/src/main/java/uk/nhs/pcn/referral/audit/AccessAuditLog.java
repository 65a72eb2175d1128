package uk.nhs.pcn.referral.audit;

import java.time.Clock;
import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.nhs.pcn.referral.referral.Referral;

/**
 * Writes the access audit. A read is recorded in the same transaction that loads the record, before the answer is
 * sent: if the audit cannot be written, the record is not shown.
 */
@ApplicationScoped
public class AccessAuditLog {

    /** The longest reason kept; a longer one is cut, never refused (the read itself is what matters). */
    static final int MAX_REASON = 500;

    Clock clock = Clock.systemUTC();

    @Transactional(Transactional.TxType.MANDATORY)
    public void read(Referral referral, AccessAudit.What what, String user, java.util.Set<String> roles,
            String reason) {
        AccessAudit entry = new AccessAudit();
        entry.referralId = referral.id;
        entry.networkCode = referral.networkCode;
        entry.readBy = user;
        entry.roles = String.join(",", new TreeSet<>(roles));
        entry.readAt = clock.instant();
        entry.what = what;
        entry.reason = reason == null || reason.isBlank() ? null
                : reason.strip().substring(0, Math.min(reason.strip().length(), MAX_REASON));
        entry.persist();
    }

    public List<AccessAudit> of(Referral referral) {
        return AccessAudit.list("referralId = ?1 order by readAt, id", referral.id);
    }
}
