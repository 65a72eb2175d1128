package uk.nhs.pcn.registry.network;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Network Contract DES guidance size of a network (30,000–50,000 registered patients by default). Networks
 * outside it are legitimate when the commissioner approved them, so this gives warnings, never errors.
 */
@ApplicationScoped
public class PopulationGuidance {

    @ConfigProperty(name = "pcn.registry.population-guidance.minimum")
    long minimum;

    @ConfigProperty(name = "pcn.registry.population-guidance.maximum")
    long maximum;

    public long minimum() {
        return minimum;
    }

    public long maximum() {
        return maximum;
    }

    public List<NetworkViews.Warning> warnings(NetworkViews.Population population) {
        long registered = population.registeredPatients();
        if (registered < minimum) {
            return List.of(new NetworkViews.Warning("BELOW_GUIDANCE_SIZE", String.format(
                    "Registered population %,d is below the guidance range of %,d to %,d", registered, minimum,
                    maximum)));
        }
        if (registered > maximum) {
            return List.of(new NetworkViews.Warning("ABOVE_GUIDANCE_SIZE", String.format(
                    "Registered population %,d is above the guidance range of %,d to %,d", registered, minimum,
                    maximum)));
        }
        return List.of();
    }
}
