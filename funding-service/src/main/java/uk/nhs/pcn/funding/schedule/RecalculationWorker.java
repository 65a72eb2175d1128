package uk.nhs.pcn.funding.schedule;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import uk.nhs.pcn.platform.api.QueryParams;

/**
 * Recalculates the networks' years marked due, on one thread per instance: at once after the change that marked
 * them commits, and every poll interval in case a wake-up was missed. Each batch is one transaction; a batch that
 * fails is retried network by network, and a network whose recalculation keeps failing waits a minute so the others
 * do not. At start-up and when the date changes it marks due every year calculated with other rules than today's.
 */
@ApplicationScoped
public class RecalculationWorker {

    private static final Logger LOG = Logger.getLogger(RecalculationWorker.class);

    @Inject
    Recalculator recalculator;

    @ConfigProperty(name = "pcn.funding.recalculation.poll-interval", defaultValue = "PT1S")
    Duration pollInterval;

    @ConfigProperty(name = "pcn.funding.recalculation.batch-size", defaultValue = "50")
    int batchSize;

    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private LocalDate rulesCheckedOn;

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::run, "funding-recalculation");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            wakeUp.release();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Recalculations.Due due) {
        wakeUp.release();
    }

    private void run() {
        while (running) {
            try {
                checkRules();
                drain();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Recalculation failed; retrying in %s", pollInterval);
            }
            try {
                wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void checkRules() {
        LocalDate today = QueryParams.today();
        if (!today.equals(rulesCheckedOn)) {
            int marked = QuarkusTransaction.requiringNew().call(recalculator::markChangedRulesDue);
            if (marked > 0) {
                LOG.infof("The DES rule set in force changed: %d networks' years to recalculate", marked);
            }
            rulesCheckedOn = today;
        }
    }

    private void drain() {
        while (running) {
            int done;
            try {
                done = QuarkusTransaction.requiringNew().call(() -> recalculator.recalculateDue(batchSize));
            } catch (RuntimeException e) {
                LOG.warnf(e, "A batch of recalculations failed; retrying them one at a time");
                try {
                    done = QuarkusTransaction.requiringNew().call(() -> recalculator.recalculateDue(1));
                } catch (RuntimeException single) {
                    LOG.errorf(single, "A network's recalculation failed; it is retried in a minute");
                    QuarkusTransaction.requiringNew().run(recalculator::postponeOldest);
                    done = 1;
                }
            }
            if (done == 0) {
                return;
            }
        }
    }
}
