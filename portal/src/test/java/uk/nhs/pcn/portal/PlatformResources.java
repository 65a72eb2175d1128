package uk.nhs.pcn.portal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import uk.nhs.pcn.testsupport.KafkaBroker;
import uk.nhs.pcn.testsupport.PackagedService;
import uk.nhs.pcn.testsupport.TestTokens;

/**
 * The whole platform for the portal under test: the in-JVM broker and the four services as their packaged jars
 * (built earlier in the reactor), each with a fresh database; the portal signs in with the key they trust.
 */
public class PlatformResources implements QuarkusTestResourceLifecycleManager {

    private final List<PackagedService> services = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
        config.put("pcn.portal.dev-sign-in.key-dir", TestTokens.keyDirectory().toString());
        try {
            for (String module : List.of("registry-service", "workforce-service", "referral-service",
                    "funding-service")) {
                Map<String, String> env = module.equals("referral-service")
                        ? Map.of("PCN_REFERRAL_PSEUDONYM_KEY", "portal-test-pseudonym-key-not-for-production")
                        : Map.of();
                PackagedService service = PackagedService.start(module, env);
                services.add(service);
                config.put("pcn.portal." + module.replace("-service", "") + "-url", service.baseUri());
                // For the test that stops a service to see that only its panel says so.
                config.put("pcn.test." + module + ".pid", Long.toString(service.pid()));
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return config;
    }

    @Override
    public void stop() {
        for (PackagedService service : services) {
            service.close();
        }
        services.clear();
    }
}
