package uk.nhs.pcn.registry.network;

/** A network's state on a given date. */
public enum NetworkStatus {
    NOT_YET_OPEN, OPEN, CLOSED
}
