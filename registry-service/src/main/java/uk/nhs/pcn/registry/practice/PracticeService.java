package uk.nhs.pcn.registry.practice;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.registry.events.RegistryEvents;
import uk.nhs.pcn.registry.membership.MembershipQueries;

/** Registers practices and records their list sizes. */
@ApplicationScoped
public class PracticeService {

    @Inject
    RegistryEvents events;

    @Inject
    MembershipQueries memberships;

    @Transactional
    public Practice register(String code, String name, String postcode, String commissionerCode) {
        if (Practice.findById(code) != null) {
            throw ProblemException.conflict("already-registered", "Practice already registered",
                    "Practice " + code + " is already registered", "code");
        }
        Practice p = new Practice();
        p.code = code;
        p.name = name.strip();
        p.postcode = postcode;
        p.commissionerCode = commissionerCode;
        p.persist();
        return p;
    }

    public static Practice require(String code) {
        Practice p = Practice.findById(code);
        if (p == null) {
            throw ProblemException.notFound("Practice", code);
        }
        return p;
    }

    public static Practice lock(String code) {
        Practice p = Practice.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            throw ProblemException.notFound("Practice", code);
        }
        return p;
    }

    /**
     * Records the practice's populations as at a date (replacing a figure already held for that date). Publishes
     * ListSizeRecorded unless the same figures were already held.
     *
     * @return the list size now held for the date
     */
    @Transactional
    public ListSize recordListSize(String practiceCode, LocalDate asAt, int registered,
            BigDecimal weighted, BigDecimal adjusted, String source) {
        lock(practiceCode);
        ListSize size = ListSize.find("practiceCode = ?1 and asAt = ?2", practiceCode, asAt).firstResult();
        if (size != null && size.sameFigures(registered, weighted, adjusted)) {
            return size;
        }
        if (size == null) {
            size = new ListSize();
            size.practiceCode = practiceCode;
            size.asAt = asAt;
        }
        size.registeredPatients = registered;
        size.weightedPopulation = weighted;
        size.weightedSource = weighted == null ? null : source;
        size.adjustedPopulation = adjusted;
        size.source = source;
        size.persist();
        String network = memberships.networkOf(practiceCode, asAt).orElse(null);
        events.publish(RegistryEvents.listSizeRecorded(size, network, null));
        return size;
    }
}
