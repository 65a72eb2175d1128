package uk.nhs.pcn.platform.api;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nhs.pcn.platform.problem.ProblemException;
import uk.nhs.pcn.platform.problem.ProblemMappers;

/**
 * Validates a request body after the caller has been authorised, so that a token for another network gets 403
 * whatever the body says (with {@code @Valid} on the parameter, validation would run first and answer 400). The
 * violations become the same problem+json as {@code @Valid}'s, naming each field and rule.
 */
@ApplicationScoped
public class RequestBodies {

    @Inject
    Validator validator;

    @Inject
    ObjectMapper json;

    /**
     * For an endpoint whose authorisation depends on a field of the body (the practice a referral comes from): the
     * resource takes the body as a JSON tree, authorises on the field, then reads the tree here, with the same
     * strict rules and the same problems as a typed body parameter, and validates it.
     */
    public <T> T read(JsonNode body, Class<T> type) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ProblemException.invalid("body", "required", "A JSON body is required");
        }
        if (!body.isObject()) {
            throw ProblemException.invalid("body", "json-shape", "The body must be a JSON object");
        }
        try {
            return valid(json.treeToValue(body, type));
        } catch (JsonProcessingException e) {
            throw ProblemMappers.jsonProblem(e);
        }
    }

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
