package uk.nhs.pcn.platform.idempotency;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * Makes a write endpoint safe to re-send with an {@code Idempotency-Key} header (IETF httpapi draft "The
 * Idempotency-Key HTTP Header Field"). A resource calls {@link #once} after it has authorised the caller and the
 * body has passed validation, so a refused request stores nothing:
 *
 * <pre>{@code
 * return idempotency.once(body, () -> Response.created(location).entity(view).build());
 * }</pre>
 *
 * <ul>
 * <li>Without the header the write runs exactly as before: the header is optional, so the API contract stays
 * backwards compatible for every existing client.</li>
 * <li>The first request with a key runs the write; its answer (status, {@code Location}, body) is stored in the
 * same database transaction as the write ({@link IdempotentAnswers}).</li>
 * <li>A re-send with the same key, by the same caller, to the same method and path, with the same body gets the
 * stored answer again, with {@code Idempotent-Replayed: true}, and nothing is written or published again.</li>
 * <li>The same key with another body: 422. The same key while the first request is still running: 409. A malformed
 * key: 400. Each a problem naming {@code Idempotency-Key} and the rule.</li>
 * <li>Only successful (2xx) answers are stored: a refused write wrote nothing, so sending it again is safe anyway.</li>
 * </ul>
 */
@ApplicationScoped
public class Idempotency {

    @Inject
    RoutingContext request;

    @Inject
    JsonWebToken token;

    @Inject
    SecurityIdentity identity;

    @Inject
    IdempotentAnswers answers;

    /**
     * Runs {@code write} once per idempotency key, or answers as the first run did.
     *
     * @param body the request body as read and validated (its canonical form is the request's fingerprint)
     * @param write the write and the answer to it; it joins this transaction when it has a key
     */
    public Response once(Object body, Supplier<Response> write) {
        Optional<IdempotencyKey> key = IdempotencyKey.fromHeader(
                request.request().headers().getAll(IdempotencyKey.HEADER));
        if (key.isEmpty()) {
            return write.get();
        }
        return answers.once(IdempotentRequest.of(caller(), request.request().method().name(),
                request.request().path(), key.get(), body), write);
    }

    private String caller() {
        String subject = token == null ? null : token.getSubject();
        if (subject != null && !subject.isBlank()) {
            return subject;
        }
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
