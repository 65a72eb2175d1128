package uk.nhs.pcn.platform.api;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * Validates a request body after the caller has been authorised, so that a token for another network gets 403
 * whatever the body says (with {@code @Valid} on the parameter, validation would run first and answer 400). The
 * violations become the same problem+json as {@code @Valid}'s, naming each field and rule.
 */
@ApplicationScoped
public class RequestBodies {

    @Inject
    Validator validator;

    public <T> T valid(T body) {
        if (body == null) {
            throw ProblemException.invalid("body", "required", "A JSON body is required");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }
}
