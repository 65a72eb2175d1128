package uk.nhs.pcn.referral.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.pcn.events.PcnEvent;
import uk.nhs.pcn.events.Topics;
import uk.nhs.pcn.platform.outbox.Outbox;

/**
 * Writes referral events to the outbox, keyed by the network's ODS code so a network's events stay ordered. Every
 * payload is pseudonymised by construction (the event records have no field for a name, NHS number, date of birth,
 * contact detail or free text).
 */
@ApplicationScoped
public class ReferralEvents {

    @Inject
    Outbox outbox;

    public void publish(String networkCode, PcnEvent event) {
        outbox.add(new Outbox.Pending(Topics.REFERRAL, networkCode, event, null));
    }
}
