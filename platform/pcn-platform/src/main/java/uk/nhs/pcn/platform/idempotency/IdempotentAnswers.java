package uk.nhs.pcn.platform.idempotency;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nhs.pcn.platform.problem.Problem.FieldError;
import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * The stored answers of requests made with an {@link IdempotencyKey}, in the service's own database (table
 * {@code idempotency_key}, created by pcn-platform's migration {@code V0_3}). Everything happens in one transaction,
 * the one the write joins:
 *
 * <ol>
 * <li>{@code pg_try_advisory_xact_lock} on the request's scope: if another transaction holds it, the same key is in
 * flight and the answer is 409 at once (no waiting, nothing written). The lock is PostgreSQL's, so it holds across
 * every replica of the service, and it is released by the commit or rollback.</li>
 * <li>A stored answer within the retention period is replayed (or, for another body, refused with 422).</li>
 * <li>Otherwise the write runs, and a 2xx answer is inserted before the commit: the write, its events (outbox) and
 * its stored answer commit together or not at all. The table's primary key is the last guard: a second insert for
 * the scope fails, rolls the whole write back and is answered 409.</li>
 * </ol>
 */
@ApplicationScoped
public class IdempotentAnswers {

    private static final String FIND = """
            SELECT request_hash, status, location, content_type, body, created_at FROM idempotency_key WHERE scope = ?""";

    private static final String INSERT = """
            INSERT INTO idempotency_key (scope, caller, method, path, idempotency_key, request_hash, status, location,
                                         content_type, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "pcn.idempotency.retention")
    Duration retention;

    Clock clock = Clock.systemUTC();

    /** A stored answer. */
    record Stored(String requestHash, int status, String location, String contentType, String body,
            OffsetDateTime createdAt) {

        Response response(boolean replayed) {
            Response.ResponseBuilder r = Response.status(status).entity(body).type(contentType);
            if (location != null) {
                r.location(URI.create(location));
            }
            if (replayed) {
                r.header(IdempotencyKey.REPLAYED_HEADER, "true");
            }
            return r.build();
        }
    }

    @Transactional
    public Response once(IdempotentRequest request, Supplier<Response> write) {
        Session session = entityManager.unwrap(Session.class);
        if (!session.doReturningWork(c -> tryLock(c, request.lockId()))) {
            throw inFlight(request);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<Stored> stored = session.doReturningWork(c -> find(c, request.scope()));
        if (stored.isPresent()) {
            if (stored.get().createdAt().isAfter(now.minus(retention))) {
                if (!stored.get().requestHash().equals(request.fingerprint())) {
                    throw reused(request);
                }
                return stored.get().response(true);
            }
            session.doWork(c -> delete(c, request.scope())); // expired, not yet cleaned up: the key is free again
        }
        Response answer = write.get();
        if (answer.getStatus() < 200 || answer.getStatus() > 299) {
            return answer;
        }
        Stored fresh = new Stored(request.fingerprint(), answer.getStatus(),
                answer.getLocation() == null ? null : answer.getLocation().toString(),
                answer.getMediaType() == null ? MediaType.APPLICATION_JSON : answer.getMediaType().toString(),
                body(answer.getEntity()), now);
        session.doWork(c -> insert(c, request, fresh));
        return fresh.response(false);
    }

    private static boolean tryLock(Connection c, long lockId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, lockId);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Optional<Stored> find(Connection c, String scope) throws SQLException {
        try (PreparedStatement find = c.prepareStatement(FIND)) {
            find.setString(1, scope);
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class)));
            }
        }
    }

    private static void delete(Connection c, String scope) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency_key WHERE scope = ?")) {
            delete.setString(1, scope);
            delete.executeUpdate();
        }
    }

    private static void insert(Connection c, IdempotentRequest request, Stored answer) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, request.scope());
            insert.setString(2, request.caller());
            insert.setString(3, request.method());
            insert.setString(4, request.path());
            insert.setString(5, request.key().value());
            insert.setString(6, answer.requestHash());
            insert.setInt(7, answer.status());
            insert.setString(8, answer.location());
            insert.setString(9, answer.contentType());
            insert.setString(10, answer.body());
            insert.setObject(11, answer.createdAt());
            insert.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) { // unique_violation: another transaction stored this scope first
                throw inFlight(request);
            }
            throw e;
        }
    }

    private String body(Object entity) {
        if (entity == null) {
            return "";
        }
        if (entity instanceof String text) {
            return text;
        }
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The answer to " + entity.getClass().getName()
                    + " cannot be written as JSON", e);
        }
    }

    private static ProblemException inFlight(IdempotentRequest request) {
        String detail = "A request with this " + IdempotencyKey.HEADER + " is still being processed; send it "
                + "again once that one has been answered, to get its answer";
        return new ProblemException(409, "idempotency-key-in-flight", "Request with this Idempotency-Key in progress",
                detail, List.of(new FieldError(IdempotencyKey.HEADER, "in-flight", detail)));
    }

    private static ProblemException reused(IdempotentRequest request) {
        String detail = "This " + IdempotencyKey.HEADER + " was used for a request with another body ("
                + request.method() + " " + request.path() + "); a key may only be sent again with the same request. "
                + "Use a new key for a new request";
        return ProblemException.unprocessable("idempotency-key-reused", "Idempotency-Key already used",
                List.of(new FieldError(IdempotencyKey.HEADER, "same-request", detail)));
    }
}
