package uk.nhs.pcn.platform.health;

/**
 * The service's health, split by what it means for traffic.
 * <ul>
 * <li>Readiness ({@code /q/health/ready}): the database answers and its migrations are applied, so the service
 * can serve requests. Kafka is no part of it: while the broker is unreachable writes go on and their events wait in
 * the outbox, so taking every replica out of the load balancer then would turn a delay into an outage.</li>
 * <li>Liveness ({@code /q/health/live}): nothing outside the JVM; a broker outage never restarts a pod.</li>
 * <li>{@value #MESSAGING} ({@code /q/health/group/messaging}): the broker, the channels the service consumes, and
 * the outbox backlog. For dashboards and alerts, never for a probe.</li>
 * </ul>
 * Every check answers within a second, whether the broker answers or not.
 */
public final class HealthGroups {

    /** Kafka and the outbox: {@code /q/health/group/messaging}. */
    public static final String MESSAGING = "messaging";

    private HealthGroups() {
    }
}
