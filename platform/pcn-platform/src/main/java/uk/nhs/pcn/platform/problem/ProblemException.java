package uk.nhs.pcn.platform.problem;

import java.util.List;

/**
 * A domain rule was broken: rendered as problem+json with the given status. Throw it from domain code, before
 * anything is written (or let it roll back the transaction).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String what, String code) {
        return new ProblemException(404, "not-found", what + " not found", what + " " + code + " is not known",
                List.of());
    }

    public static ProblemException invalid(String field, String rule, String message) {
        return new ProblemException(400, "invalid-request", "Invalid request", message,
                List.of(new Problem.FieldError(field, rule, message)));
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).message() : errors.size() + " problems found";
        return new ProblemException(400, "invalid-request", "Invalid request", detail, errors);
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(409, slug, title, detail, List.of());
    }

    public static ProblemException conflict(String slug, String title, String detail, String field) {
        return new ProblemException(409, slug, title, detail, List.of(new Problem.FieldError(field, slug, detail)));
    }

    public static ProblemException unprocessable(String slug, String title, List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).message() : errors.size() + " problems found";
        return new ProblemException(422, slug, title, detail, errors);
    }

    public int status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.type(slug), title, status, getMessage(), instance, errors);
    }
}
