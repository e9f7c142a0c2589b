package dev.tracerlinks.tracker.clicks;

import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes stale running sums in the background. A reader that needs them asks for a pass and
 * waits for it (a GET never writes). After writes that left sums stale, the pass waits until the
 * writes pause ({@link #QUIET}) or at most {@link #LATEST}: a pass recomputes each stale link from its
 * earliest changed click on and holds the single writer while it does, so one after every batch of a
 * busy ingest cost four ingests in five (bench/ingest.sh measured 1,130 clicks/s against 5,032 for the
 * release before). Every {@link #IDLE_PASS} a pass runs anyway, in case a signal was missed (a write
 * on another tracker-api instance).
 */
public final class RunningSumsWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningSumsWorker.class);
    static final Duration QUIET = Duration.ofSeconds(2);
    static final Duration LATEST = Duration.ofSeconds(60);
    static final Duration IDLE_PASS = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final RunningSums sums;
    private final Thread thread;
    // Guarded by this: passes readers asked for, and the number asked for when the last finished pass began;
    // since the last pass began, when a write first and last left sums stale (0 for none).
    private long requested;
    private long completed;
    private long firstWriteNanos;
    private long lastWriteNanos;
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

    /** A write left sums stale: a pass once writes pause, without waiting for it. */
    public synchronized void wake() {
        lastWriteNanos = System.nanoTime();
        if (firstWriteNanos == 0) {
            firstWriteNanos = lastWriteNanos;
        }
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
                try {
                    waitForReason(seen);
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                target = requested;
                firstWriteNanos = 0;
                lastWriteNanos = 0;
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
                LOG.warn("Could not bring the running sums up to date; trying again in {} s", QUIET.toSeconds(), e);
                sleepQuietly();
                wake();
                continue;
            }
            seen = target;
            synchronized (this) {
                completed = Math.max(completed, target);
                notifyAll();
            }
        }
    }

    /** Waits, holding this, until a reader asked for a pass, the writes paused or waited long enough, or the idle pass is due. */
    private void waitForReason(long seen) throws InterruptedException {
        long idleDue = System.nanoTime() + IDLE_PASS.toNanos();
        while (!closed && requested == seen) {
            long now = System.nanoTime();
            long due = firstWriteNanos == 0 ? idleDue
                    : Math.min(lastWriteNanos + QUIET.toNanos(), firstWriteNanos + LATEST.toNanos());
            if (due - now <= 0) {
                return;
            }
            wait(Math.max(1, (due - now) / 1_000_000));
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(QUIET.toMillis());
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
