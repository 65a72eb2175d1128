package uk.nhs.pcn.registry.network;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.registry.events.RegistryEvents;
import uk.nhs.pcn.registry.membership.Membership;

/** Registers, renames and closes networks; records clinical directors and partner organisations. */
@ApplicationScoped
public class NetworkService {

    @Inject
    RegistryEvents events;

    public static Network require(String code) {
        Network n = Network.findById(code);
        if (n == null) {
            throw ProblemException.notFound("Network", code);
        }
        return n;
    }

    private static Network lock(String code) {
        Network n = Network.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (n == null) {
            throw ProblemException.notFound("Network", code);
        }
        return n;
    }

    @Transactional
    public Network register(String code, String name, String commissionerCode, LocalDate openDate,
            String postcode) {
        if (Network.findById(code) != null) {
            throw ProblemException.conflict("already-registered", "Network already registered",
                    "Network " + code + " is already registered", "code");
        }
        Network n = new Network();
        n.code = code;
        n.name = name.strip();
        n.commissionerCode = commissionerCode;
        n.openDate = openDate;
        n.postcode = postcode;
        n.persist();
        NetworkName.of(code, n.name, openDate).persist();
        events.publish(RegistryEvents.networkRegistered(n, null));
        return n;
    }

    /** Renames the network from {@code effectiveDate}; renaming to the current name changes nothing. */
    @Transactional
    public Network rename(String code, String name, LocalDate effectiveDate) {
        Network n = lock(code);
        String newName = name.strip();
        if (newName.equals(n.name)) {
            return n;
        }
        if (effectiveDate.isBefore(n.openDate)) {
            throw ProblemException.conflict("before-open", "Before the network opened",
                    "Network " + code + " opened on " + n.openDate + "; a rename cannot take effect on "
                            + effectiveDate, "effectiveDate");
        }
        NetworkName.delete("networkCode = ?1 and effectiveFrom = ?2", code, effectiveDate);
        NetworkName.of(code, newName, effectiveDate).persist();
        String previous = n.name;
        n.name = newName;
        events.publish(RegistryEvents.networkRenamed(n, previous, effectiveDate, null));
        return n;
    }

    /**
     * Closes the network on {@code closeDate} (its last open day). Memberships running past that date end on it,
     * each with a PracticeLeftNetwork event sharing the closure's correlation id.
     */
    @Transactional
    public Network close(String code, LocalDate closeDate) {
        Network n = lock(code);
        if (n.closeDate != null) {
            if (n.closeDate.equals(closeDate)) {
                return n;
            }
            throw ProblemException.conflict("already-closed", "Network already closed",
                    "Network " + code + " closed on " + n.closeDate, "closeDate");
        }
        if (closeDate.isBefore(n.openDate)) {
            throw ProblemException.conflict("before-open", "Before the network opened",
                    "Network " + code + " opened on " + n.openDate + "; it cannot close on " + closeDate, "closeDate");
        }
        List<Membership> startingLater = Membership.list("networkCode = ?1 and startDate > ?2", code, closeDate);
        if (!startingLater.isEmpty()) {
            Membership first = startingLater.get(0);
            throw ProblemException.conflict("members-after-close", "Members join after the close date",
                    "Practice " + first.practiceCode + " joins " + code + " on " + first.startDate
                            + ", after the close date " + closeDate + "; end or remove that membership first",
                    "closeDate");
        }
        String correlationId = RegistryEvents.newCorrelationId();
        n.closeDate = closeDate;
        events.publish(RegistryEvents.networkClosed(n, correlationId));
        List<Membership> running = Membership.list(
                "networkCode = ?1 and (endDate is null or endDate > ?2) order by practiceCode", code, closeDate);
        for (Membership m : running) {
            m.endOn(closeDate);
            events.publish(RegistryEvents.practiceLeft(m.practiceCode, code, closeDate, correlationId));
        }
        return n;
    }

    @Transactional
    public ClinicalDirector appointClinicalDirector(String code, String name, LocalDate from) {
        Network n = lock(code);
        if (!n.isOpenOn(from)) {
            throw ProblemException.conflict("network-not-open", "Network not open",
                    "Network " + code + " is not open on " + from, "from");
        }
        ClinicalDirector.delete("networkCode = ?1 and fromDate = ?2", code, from);
        ClinicalDirector cd = new ClinicalDirector();
        cd.networkCode = code;
        cd.name = name.strip();
        cd.fromDate = from;
        cd.persist();
        events.publish(RegistryEvents.clinicalDirectorChanged(code, cd.name, from));
        return cd;
    }

    @Transactional
    public PartnerOrganisation addPartner(String code, PartnerOrganisation.Type type, String name, String odsCode) {
        lock(code);
        PartnerOrganisation p = new PartnerOrganisation();
        p.networkCode = code;
        p.type = type;
        p.name = name.strip();
        p.odsCode = odsCode;
        p.persist();
        return p;
    }

    @Transactional
    public void removePartner(String code, long partnerId) {
        lock(code);
        long deleted = PartnerOrganisation.delete("networkCode = ?1 and id = ?2", code, partnerId);
        if (deleted == 0) {
            throw ProblemException.notFound("Partner organisation", code + "/" + partnerId);
        }
    }
}
