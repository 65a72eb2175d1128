package uk.nhs.pcn.local;

/** A trivial child process for the supervision tests: it sleeps until it is stopped or killed. */
public final class SleepingChild {

    private SleepingChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
