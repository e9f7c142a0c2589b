package dev.tracerlinks.tracker.clicks;

import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes stale running sums in the background: when a write lists some as stale, when a reader
 * asks, and once a second in case a signal was missed (a write on another tracker-api instance). A GET
 * never writes; it asks for a pass and waits for it.
 */
public final class RunningSumsWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningSumsWorker.class);
    private static final Duration IDLE_PASS = Duration.ofSeconds(1);

    private final Jdbi jdbi;
    private final RunningSums sums;
    private final Thread thread;
    // Guarded by this: passes asked for, and the number asked for when the last finished pass began.
    private long requested;
    private long completed;
    private boolean closed;

    public RunningSumsWorker(Jdbi jdbi, RunningSums sums) {
        this.jdbi = jdbi;
        this.sums = sums;
        this.thread = new Thread(this::run, "running-sums");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Asks for a pass soon, without waiting. */
    public synchronized void wake() {
        requested++;
        notifyAll();
    }

    /** Asks for a pass and waits until one that began after this call has finished; false when none did in time. */
    public boolean awaitPass(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            long target = ++requested;
            notifyAll();
            while (completed < target && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return completed >= target;
        }
    }

    private void run() {
        long seen = 0;
        while (true) {
            long target;
            synchronized (this) {
                if (requested == seen && !closed) {
                    try {
                        wait(IDLE_PASS.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                target = requested;
            }
            try {
                sums.refresh(jdbi);
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (closed) {
                        return; // the pool closes after the worker is told to stop; a pass cut short by it is no news
                    }
                }
                // The database busy or gone for a moment: the sums stay listed as stale and the next pass tries again.
                LOG.warn("Could not bring the running sums up to date; trying again in {} s", IDLE_PASS.toSeconds(), e);
                sleepQuietly();
                continue;
            }
            seen = target;
            synchronized (this) {
                completed = Math.max(completed, target);
                notifyAll();
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(IDLE_PASS.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
