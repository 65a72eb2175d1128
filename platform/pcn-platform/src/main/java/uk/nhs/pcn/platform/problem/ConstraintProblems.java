package uk.nhs.pcn.platform.problem;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A service's reading of its own database constraints. When a write breaks a unique or exclusion constraint (two
 * writes raced past the service's own check), the problem mapper asks each bean of this type first, so the client
 * gets the named rule (e.g. an overlapping membership, naming the spell) rather than a generic conflict.
 */
public interface ConstraintProblems {

    /** The problem that names the broken rule, if this service knows the violated constraint. */
    Optional<ProblemException> explain(SQLException violation);
}
