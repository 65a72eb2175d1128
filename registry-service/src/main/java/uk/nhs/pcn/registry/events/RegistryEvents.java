package uk.nhs.pcn.registry.events;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.pcn.events.PcnEvent;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.events.registry.ClinicalDirectorChanged;
import uk.nhs.pcn.events.registry.ListSizeRecorded;
import uk.nhs.pcn.events.registry.NetworkClosed;
import uk.nhs.pcn.events.registry.NetworkRegistered;
import uk.nhs.pcn.events.registry.NetworkRenamed;
import uk.nhs.pcn.events.registry.PracticeJoinedNetwork;
import uk.nhs.pcn.events.registry.PracticeLeftNetwork;
import uk.nhs.pcn.platform.outbox.Outbox;
import uk.nhs.pcn.platform.outbox.Outbox.Pending;
import uk.nhs.pcn.registry.network.Network;
import uk.nhs.pcn.registry.practice.ListSize;
import uk.nhs.pcn.registry.practice.Practice;

/**
 * The registry's events, written to the outbox in the caller's transaction. Records are keyed by the network's
 * ODS code so every event of one network is ordered; a list size for a practice in no network is keyed by the
 * practice code.
 */
@ApplicationScoped
public class RegistryEvents {

    @Inject
    Outbox outbox;

    public static String newCorrelationId() {
        return UUID.randomUUID().toString();
    }

    public void publish(Pending event) {
        outbox.add(event);
    }

    public void publishAll(List<Pending> events) {
        outbox.addAll(events);
    }

    public static Pending networkRegistered(Network n, String correlationId) {
        return pending(n.code, new NetworkRegistered(n.code, n.name, n.commissionerCode, n.openDate), correlationId);
    }

    public static Pending networkRenamed(Network n, String previousName, LocalDate effectiveDate,
            String correlationId) {
        return pending(n.code, new NetworkRenamed(n.code, previousName, n.name, effectiveDate), correlationId);
    }

    public static Pending networkClosed(Network n, String correlationId) {
        return pending(n.code, new NetworkClosed(n.code, n.closeDate), correlationId);
    }

    public static Pending clinicalDirectorChanged(String networkCode, String name, LocalDate from) {
        return pending(networkCode, new ClinicalDirectorChanged(networkCode, name, from), null);
    }

    public static Pending practiceJoined(Practice p, String networkCode, LocalDate from, String correlationId) {
        return pending(networkCode, new PracticeJoinedNetwork(networkCode, p.code, p.name, p.commissionerCode, from),
                correlationId);
    }

    public static Pending practiceLeft(String practiceCode, String networkCode, LocalDate lastDay,
            String correlationId) {
        return pending(networkCode, new PracticeLeftNetwork(networkCode, practiceCode, lastDay), correlationId);
    }

    /** @param networkCode the practice's network on the list size's date, or null */
    public static Pending listSizeRecorded(ListSize size, String networkCode, String correlationId) {
        return pending(networkCode != null ? networkCode : size.practiceCode,
                new ListSizeRecorded(size.practiceCode, networkCode, size.asAt, size.registeredPatients,
                        size.weightedPopulation, size.adjustedPopulation, size.source, size.weightedSource),
                correlationId);
    }

    private static Pending pending(String key, PcnEvent event, String correlationId) {
        return new Pending(Topics.REGISTRY, key, event, correlationId);
    }
}
