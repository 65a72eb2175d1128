package uk.nhs.pcn.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the identity provider (NHS CIS2 or any OpenID provider) for the authorization code flow
 * test: discovery, keys, an authorization endpoint that signs in one user at once (no login form), a token endpoint
 * and an end-session endpoint. Its ID tokens are signed with its own key; the access token it hands out is
 * {@code accessToken}, as a real provider's would be the token the services trust.
 * (quarkus-test-oidc-server, the WireMock-based one, is not in this machine's package registry.)
 */
final class OidcStubProvider implements AutoCloseable {

    static final String CLIENT_ID = "pcn-portal";

    private final HttpServer server;
    private final RsaJsonWebKey key;
    private final String accessToken;
    private final Map<String, Object> idClaims;
    private final Map<String, String> nonces = new ConcurrentHashMap<>();
    private volatile int exchanges;
    private volatile int logouts;

    private OidcStubProvider(String accessToken, Map<String, Object> idClaims) throws IOException, JoseException {
        this.accessToken = accessToken;
        this.idClaims = idClaims;
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("stub-" + UUID.randomUUID());
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", e -> send(e, 200, "application/json", new JsonWebKeySet(key).toJson(
                JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/logout", e -> {
            logouts++;
            send(e, 200, "text/plain", "Signed out of the identity provider");
        });
        server.createContext("/stub/counts", e -> send(e, 200, "application/json",
                "{\"exchanges\":" + exchanges + ",\"logouts\":" + logouts + "}"));
        server.start();
    }

    /** A provider that signs every user in with these claims in the ID token and this access token. */
    static OidcStubProvider start(String accessToken, Map<String, Object> idClaims) {
        try {
            return new OidcStubProvider(accessToken, idClaims);
        } catch (IOException | JoseException e) {
            throw new IllegalStateException("The stub provider did not start", e);
        }
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void discovery(HttpExchange e) throws IOException {
        String b = baseUrl();
        send(e, 200, "application/json", "{\"issuer\":\"" + b + "\",\"authorization_endpoint\":\"" + b
                + "/authorize\",\"token_endpoint\":\"" + b + "/token\",\"jwks_uri\":\"" + b + "/jwks\","
                + "\"end_session_endpoint\":\"" + b + "/logout\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
    }

    /** Signs the user in at once: back to the client's redirect URI with a code and the client's state. */
    private void authorize(HttpExchange e) throws IOException {
        Map<String, String> q = form(e.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))
                || q.get("redirect_uri") == null) {
            send(e, 400, "text/plain", "not an authorization code request of " + CLIENT_ID);
            return;
        }
        String code = UUID.randomUUID().toString();
        nonces.put(code, q.getOrDefault("nonce", ""));
        String target = q.get("redirect_uri") + (q.get("redirect_uri").contains("?") ? "&" : "?") + "code=" + code
                + (q.containsKey("state") ? "&state=" + java.net.URLEncoder.encode(q.get("state"),
                        StandardCharsets.UTF_8) : "");
        e.getResponseHeaders().add("Location", target);
        send(e, 302, "text/plain", "");
    }

    private void token(HttpExchange e) throws IOException {
        Map<String, String> f;
        try (InputStream in = e.getRequestBody()) {
            f = form(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String nonce = nonces.remove(f.getOrDefault("code", ""));
        if (!"authorization_code".equals(f.get("grant_type")) || nonce == null) {
            send(e, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        exchanges++;
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(baseUrl());
            claims.setAudience(CLIENT_ID);
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(10);
            claims.setJwtId(UUID.randomUUID().toString());
            idClaims.forEach(claims::setClaim);
            if (!nonce.isEmpty()) {
                claims.setClaim("nonce", nonce);
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            send(e, 200, "application/json", "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":600,\"id_token\":\"" + jws.getCompactSerialization() + "\"}");
        } catch (JoseException ex) {
            send(e, 500, "text/plain", ex.toString());
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void send(HttpExchange e, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", type);
        e.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
