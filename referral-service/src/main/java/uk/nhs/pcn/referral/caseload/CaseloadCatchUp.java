package uk.nhs.pcn.referral.caseload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import uk.nhs.pcn.referral.linkworker.WorkforceEventApplier;

/**
 * Keeps caseloads in step with the calendar: a link worker's last day (announced ahead) hands their caseload over,
 * and a link worker whose start date comes assigns the network's queue. Events do this at once for dates already
 * reached; this catches the dates that arrive later. Safe to run on every replica (it locks the rows it changes).
 */
@ApplicationScoped
public class CaseloadCatchUp {

    @Inject
    Caseloads caseloads;

    @Scheduled(every = "${pcn.referral.catch-up-interval}", delayed = "${pcn.referral.catch-up-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void catchUp() {
        caseloads.catchUp(WorkforceEventApplier.SYSTEM_USER);
    }
}
