package uk.nhs.pcn.portal.signin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the claims of a JWT the portal has been given (never trusting them for anything a service decides). */
final class TokenClaims {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenClaims() {
    }

    static SignedInUser user(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            Set<String> roles = new LinkedHashSet<>(strings(claims.get("groups")));
            List<String> networks = strings(claims.get("pcn_networks"));
            String subject = claims.hasNonNull("name") ? claims.get("name").asText()
                    : claims.hasNonNull("upn") ? claims.get("upn").asText() : claims.path("sub").asText("unknown");
            return new SignedInUser(token, subject, roles, networks, strings(claims.get(uk.nhs.pcn.devtokens.DevTokenSigner.STAFF_CLAIM)));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable token", e);
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else if (node != null && node.isTextual()) {
            values.add(node.asText());
        }
        return values;
    }
}
