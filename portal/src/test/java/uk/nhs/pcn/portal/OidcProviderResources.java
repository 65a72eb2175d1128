package uk.nhs.pcn.portal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import uk.nhs.pcn.testsupport.KafkaBroker;
import uk.nhs.pcn.testsupport.KraftBrokerConfig;
import uk.nhs.pcn.testsupport.PackagedService;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * The portal as production runs it, signing in through a local OpenID provider ({@link OidcStubProvider}), with the
 * real registry-service (packaged jar) and broker; the other services are down. The provider signs in a PCN manager
 * of {@value #NETWORK}: its access token is signed with the key the services trust, as a real provider's is.
 */
public class OidcProviderResources implements QuarkusTestResourceLifecycleManager {

    static final String NETWORK = "U00981";
    /** The access token's subject (upn); the ID token names the user differently, so a page shows which it used. */
    static final String ACCESS_TOKEN_USER = "oidc-access-token-user";

    private OidcStubProvider provider;
    private PackagedService registry;

    @Override
    public Map<String, String> start() {
        String accessToken = TestTokens.token(ACCESS_TOKEN_USER, List.of("pcn-manager"), List.of(NETWORK), List.of(),
                Duration.ofHours(1));
        provider = OidcStubProvider.start(accessToken, Map.of("sub", "oidc-id-token-subject", "name",
                "Name From The ID Token", "groups", List.of("pcn-manager"), "pcn_networks", List.of(NETWORK)));
        registry = PackagedService.start("registry-service");
        String nowhere = "http://localhost:" + KraftBrokerConfig.freePort();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
        config.put("pcn.portal.registry-url", registry.baseUri());
        config.put("pcn.portal.workforce-url", nowhere);
        config.put("pcn.portal.referral-url", nowhere);
        config.put("pcn.portal.funding-url", nowhere);
        config.put("quarkus.oidc.auth-server-url", provider.baseUrl());
        config.put("quarkus.oidc.client-id", OidcStubProvider.CLIENT_ID);
        config.put("quarkus.oidc.credentials.secret", "a-client-secret-for-the-stub-provider-only-not-real");
        config.put("pcn.test.oidc-provider-url", provider.baseUrl());
        return config;
    }

    @Override
    public void stop() {
        if (registry != null) {
            registry.close();
        }
        if (provider != null) {
            provider.close();
        }
    }
}
