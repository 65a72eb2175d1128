package uk.nhs.pcn.referral.linkworker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import uk.nhs.pcn.events.PcnEvent;
import uk.nhs.pcn.events.workforce.AppointmentEnded;
import uk.nhs.pcn.events.workforce.StaffAppointed;
import uk.nhs.pcn.events.workforce.WorkingHoursChanged;
import uk.nhs.pcn.platform.consumer.IncomingEvent;
import uk.nhs.pcn.platform.consumer.ProcessedEvents;
import uk.nhs.pcn.referral.caseload.Caseloads;

/**
 * Applies one workforce record in one transaction, with the record of its event id (a redelivery changes nothing).
 * Only social prescribing link worker appointments ({@code linkWorker: true}) matter here: a link worker who starts
 * takes the network's queue; one whose last day has come hands their caseload over.
 */
@ApplicationScoped
public class WorkforceEventApplier {

    public static final String CONSUMER = "referral-service";
    /** The acting user recorded on steps this service takes by itself. */
    public static final String SYSTEM_USER = "referral-service";
    private static final Logger LOG = Logger.getLogger(WorkforceEventApplier.class);

    @Inject
    ProcessedEvents processed;

    @Inject
    Caseloads caseloads;

    @Transactional
    public void apply(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (!processed.firstDelivery(CONSUMER, event.id())) {
            LOG.debugf("Skipping redelivered event %s", event.id());
            return;
        }
        PcnEvent payload = event.payload().orElse(null);
        if (payload instanceof StaffAppointed e && e.linkWorker()) {
            LinkWorker w = LinkWorker.findById(e.appointmentId());
            if (w == null) {
                w = new LinkWorker();
                w.appointmentId = e.appointmentId();
            }
            w.networkCode = e.networkCode();
            w.staffReference = e.staffReference();
            w.wte = e.wte();
            w.startDate = e.effectiveDate();
            w.endDate = e.endDate();
            w.persist();
            caseloads.drainQueue(e.networkCode(), SYSTEM_USER);
        } else if (payload instanceof WorkingHoursChanged e && e.linkWorker()) {
            LinkWorker w = LinkWorker.findById(e.appointmentId());
            if (w != null) {
                // Routing reads the latest WTE, also for a change dated ahead (a known simplification: capacity
                // follows the announced hours from the day the change is published).
                w.wte = e.wte();
            }
        } else if (payload instanceof AppointmentEnded e && e.linkWorker()) {
            LinkWorker w = LinkWorker.findById(e.appointmentId());
            if (w != null) {
                w.endDate = e.effectiveDate();
                if (!e.effectiveDate().isAfter(caseloads.today())) {
                    caseloads.handOver(w, SYSTEM_USER);
                }
            }
        }
    }
}
