package uk.nhs.pcn.portal;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import uk.nhs.pcn.testsupport.KafkaBroker;
import uk.nhs.pcn.testsupport.KraftBrokerConfig;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * The portal with the real broker but every service down (their URLs point at a port nobody listens on): for the
 * sign-in, refusal and "service down" behaviour, which needs no service to answer.
 */
public class NoServicesResources implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String nowhere = "http://localhost:" + KraftBrokerConfig.freePort();
        return Map.of("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers(),
                "pcn.portal.dev-sign-in.key-dir", TestTokens.keyDirectory().toString(),
                "pcn.portal.registry-url", nowhere, "pcn.portal.workforce-url", nowhere,
                "pcn.portal.referral-url", nowhere, "pcn.portal.funding-url", nowhere);
    }

    @Override
    public void stop() {
    }
}
