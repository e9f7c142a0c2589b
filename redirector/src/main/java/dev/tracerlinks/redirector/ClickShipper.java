package dev.tracerlinks.redirector;

import dev.tracerlinks.model.ClickBatchResult;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the outbox to tracker-api in batches, off the request path, retrying with back-off for as long
 * as tracker-api is away. The outbox cursor moves only after tracker-api answered, so every click is
 * delivered at least once and, thanks to click ids, stored exactly once.
 */
final class ClickShipper implements AutoCloseable {
    static final int BATCH_SIZE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ClickShipper.class);
    private static final Duration IDLE_WAIT = Duration.ofMillis(200);
    /**
     * How long a click may wait for company once one is there. Each batch costs tracker-api a commit
     * and rewrites the last page of every index it touches, whatever its size: under load, shipping
     * each few hundred clicks as they come costs it several times more per click than full batches.
     * A quarter second is nothing to analytics; a full batch goes at once.
     */
    private static final Duration LINGER = Duration.ofMillis(250);
    /** Short, so clicks flow again soon after tracker-api returns; retrying costs one request. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /** How often the outbox is forced to disk: what a power cut can take. */
    private static final Duration FORCE_INTERVAL = Duration.ofMillis(200);

    private final ClickOutbox outbox;
    private final TrackerClient tracker;
    private final Thread worker;
    private final Thread keeper;
    private volatile boolean running = true;

    ClickShipper(ClickOutbox outbox, TrackerClient tracker) {
        this.outbox = outbox;
        this.tracker = tracker;
        this.worker = new Thread(this::shipUntilClosed, "click-shipper");
        this.worker.setDaemon(true);
        this.keeper = new Thread(this::keepOutbox, "click-outbox-keeper");
        this.keeper.setDaemon(true);
    }

    void start() {
        worker.start();
        keeper.start();
    }

    /**
     * Forces the outbox to disk and makes its spare segment on a clock of its own: the worker can be
     * stuck for seconds on a tracker-api that hangs, which is just when the outbox fills.
     */
    private void keepOutbox() {
        while (running) {
            outbox.forceToDisk();
            outbox.prepareSpare();
            pause(FORCE_INTERVAL.toMillis());
        }
    }

    private void shipUntilClosed() {
        long backoffMillis = 100;
        boolean failing = false;
        int batchLimit = BATCH_SIZE;
        while (running || outbox.pending() > 0) {
            try {
                if (running) {
                    outbox.awaitClicks(1, IDLE_WAIT);
                    outbox.awaitClicks(batchLimit, LINGER);
                }
                ClickOutbox.Batch batch = outbox.read(batchLimit);
                if (batch.isEmpty()) {
                    if (!running) {
                        break;
                    }
                    continue;
                }
                ClickBatchResult result;
                try {
                    result = tracker.sendClicks(batch.jsonArray());
                } catch (TrackerClient.BatchTooLargeException e) {
                    if (batch.size() > 1) {
                        batchLimit = Math.max(1, batch.size() / 2);
                        LOG.warn("tracker-api found a batch of {} clicks too large; sending {} at a time", batch.size(), batchLimit);
                        continue;
                    }
                    LOG.error("tracker-api refuses even a single click as too large; it is set aside in the outbox's refused.jsonl");
                    outbox.setAside(batch);
                    continue;
                } catch (TrackerClient.BatchRefusedException e) {
                    LOG.error("{}; {} clicks set aside in the outbox's refused.jsonl", e.getMessage(), batch.size());
                    outbox.setAside(batch);
                    continue;
                }
                batchLimit = BATCH_SIZE;
                outbox.acknowledge(batch);
                if (!result.unknownTrackingIds().isEmpty()) {
                    LOG.warn("tracker-api does not know {}; their clicks were dropped", result.unknownTrackingIds());
                }
                if (!result.rejected().isEmpty()) {
                    LOG.warn("tracker-api refused {} clicks, for example: {}", result.rejected().size(), result.rejected().get(0).reason());
                }
                if (failing) {
                    LOG.info("Shipping clicks to tracker-api again; {} waiting in the outbox", outbox.pending());
                    failing = false;
                }
                backoffMillis = 100;
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (Exception e) {
                if (!failing) {
                    LOG.warn("Cannot ship clicks ({}); they wait in the outbox, retrying with back-off", e.getMessage());
                    failing = true;
                }
                if (!pause(backoffMillis)) {
                    break;
                }
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return running;
        }
    }

    /** Stops, after giving the worker a few seconds to ship what is waiting; the rest stays in the outbox. */
    @Override
    public void close() {
        running = false;
        try {
            // Not interrupted: that would close a channel it may be forcing. It sees running within FORCE_INTERVAL.
            keeper.join(1000);
            worker.join(SHUTDOWN_GRACE.toMillis());
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (outbox.pending() > 0) {
            LOG.info("Stopped with {} clicks in the outbox; they are shipped after the next start", outbox.pending());
        }
    }
}
