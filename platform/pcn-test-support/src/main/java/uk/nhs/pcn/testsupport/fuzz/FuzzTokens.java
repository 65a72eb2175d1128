package uk.nhs.pcn.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import uk.nhs.pcn.testsupport.JwtSigner;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * The bearer tokens a fuzz run sends: valid ones for the seeded scope (networks and practices), and each way a token
 * can be wrong. Signed once per run and reused, so signing does not dominate the run.
 */
final class FuzzTokens {

    /** Who the token speaks for: the networks ({@code pcn_networks}) and practices ({@code pcn_practices}). */
    record Scope(List<String> networks, List<String> practices) {
    }

    /**
     * A token sent instead of a valid one: its name for the report, the {@code Authorization} header (null for none)
     * and the statuses it must get whatever the rest of the request says.
     */
    record Variant(String name, String authorization, Set<Integer> expected) {
    }

    private static final Set<Integer> UNAUTHORIZED = Set.of(401);
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final Scope scope;
    private final Scope otherScope;
    private final Set<String> scopedRoles;
    private final List<String> allRoles;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final JwtSigner stranger = JwtSigner.generate();

    FuzzTokens(Scope scope, Scope otherScope, Set<String> scopedRoles, List<String> allRoles) {
        this.scope = scope;
        this.otherScope = otherScope;
        this.scopedRoles = scopedRoles;
        this.allRoles = allRoles;
    }

    /** {@code Bearer <token>} for the role, speaking for the seeded scope. */
    String valid(String role) {
        return cache.computeIfAbsent("valid " + role, k -> bearer(TestTokens.token("fuzz-" + role, List.of(role),
                scope.networks(), scope.practices(), Duration.ofHours(2))));
    }

    /** Tokens that do not authenticate anyone: each must get 401. */
    List<Variant> unauthenticated(String role) {
        String valid = valid(role).substring("Bearer ".length());
        String[] parts = valid.split("\\.");
        String expired = cache.computeIfAbsent("expired " + role, k -> bearer(TestTokens.token("fuzz-" + role,
                List.of(role), scope.networks(), scope.practices(), Duration.ofHours(-1))));
        String wrongKey = cache.computeIfAbsent("stranger " + role, k -> bearer(stranger.token("fuzz-" + role,
                List.of(role), scope.networks(), scope.practices(), Duration.ofHours(2))));
        String everyRole = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"groups\":\\[[^\\]]*\\]", "\"groups\":[\"" + String.join("\",\"", allRoles) + "\"]");
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("no token", null, UNAUTHORIZED));
        variants.add(new Variant("empty bearer", "Bearer ", UNAUTHORIZED));
        variants.add(new Variant("garbage token", "Bearer not-a-token", UNAUTHORIZED));
        variants.add(new Variant("three garbage parts", "Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl", UNAUTHORIZED));
        variants.add(new Variant("basic credentials", "Basic dXNlcjpwYXNzd29yZA==", UNAUTHORIZED));
        variants.add(new Variant("token without scheme", valid, UNAUTHORIZED));
        variants.add(new Variant("expired token", expired, UNAUTHORIZED));
        variants.add(new Variant("token signed by another key", wrongKey, UNAUTHORIZED));
        variants.add(new Variant("unsigned token (alg none)", "Bearer "
                + URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + parts[1] + ".", UNAUTHORIZED));
        variants.add(new Variant("token with every role written in (signature broken)", "Bearer " + parts[0] + "."
                + URL.encodeToString(everyRole.getBytes(StandardCharsets.UTF_8)) + "." + parts[2], UNAUTHORIZED));
        variants.add(new Variant("truncated signature", "Bearer " + parts[0] + "." + parts[1] + "."
                + parts[2].substring(0, parts[2].length() / 2), UNAUTHORIZED));
        variants.add(new Variant("20,000-character token", "Bearer " + "A".repeat(20_000), Set.of(401, 431)));
        return variants;
    }

    /** Valid tokens that must not be let do this: every other role, and an allowed scoped role of another network. */
    List<Variant> forbidden(List<String> allowed) {
        List<Variant> variants = new ArrayList<>();
        for (String role : allRoles) {
            if (!allowed.contains(role)) {
                variants.add(new Variant("role " + role, valid(role), Set.of(403)));
            }
        }
        variants.add(new Variant("no role at all", cache.computeIfAbsent("no role", k -> bearer(TestTokens.token(
                "fuzz-nobody", List.of(), scope.networks(), scope.practices(), Duration.ofHours(2)))), Set.of(403)));
        for (String role : allowed) {
            if (scopedRoles.contains(role) && otherScope != null) {
                String other = cache.computeIfAbsent("other " + role, k -> bearer(TestTokens.token("fuzz-other-"
                        + role, List.of(role), otherScope.networks(), otherScope.practices(), Duration.ofHours(2))));
                variants.add(new Variant(role + " of another network", other, Set.of(403, 404)));
            }
        }
        return variants;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}
