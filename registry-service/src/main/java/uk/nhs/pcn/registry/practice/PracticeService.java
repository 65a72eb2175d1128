package uk.nhs.pcn.registry.practice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import uk.nhs.pcn.platform.problem.ProblemException;

/** Registers practices; {@link ListSizeRecording} records their list sizes. */
@ApplicationScoped
public class PracticeService {

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
}
