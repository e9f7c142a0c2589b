package dev.tracerlinks.redirector;

import dev.tracerlinks.model.ClickBatchResult;
import dev.tracerlinks.model.ClickEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes click events off the request path and posts them to tracker-api in batches, retrying with
 * back-off while tracker-api is down. Each event carries its edge-made click id, so a batch that is
 * sent twice (tracker-api stored it but the answer was lost) is not counted twice.
 *
 * <p>The queue lives in memory: events still queued when the process dies are lost, and when the
 * queue is full new events are dropped with a log line. The durable outbox of DESIGN.md replaces this.
 */
final class ClickShipper implements AutoCloseable {
    static final int BATCH_SIZE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ClickShipper.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final TrackerClient tracker;
    private final BlockingQueue<ClickEvent> queue;
    private final Thread worker;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong shipped = new AtomicLong();
    /** Events taken from the queue but not yet acknowledged by tracker-api. */
    private volatile int inFlight;
    private volatile boolean running = true;

    ClickShipper(TrackerClient tracker, int capacity) {
        this.tracker = tracker;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(this::shipUntilClosed, "click-shipper");
        this.worker.setDaemon(true);
    }

    void start() {
        worker.start();
    }

    /** Never blocks the redirect: a full queue drops the event and counts it. */
    void submit(ClickEvent event) {
        if (!queue.offer(event) && dropped.incrementAndGet() % 1000 == 1) {
            LOG.error("Click queue full ({} events); {} clicks dropped so far: is tracker-api down?", queue.size(), dropped.get());
        }
    }

    /** Events accepted but not yet stored by tracker-api. */
    int pending() {
        return queue.size() + inFlight;
    }

    long shippedCount() {
        return shipped.get();
    }

    private void shipUntilClosed() {
        long backoffMillis = 100;
        List<ClickEvent> batch = new ArrayList<>(BATCH_SIZE);
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    ClickEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH_SIZE - 1);
                    inFlight = batch.size();
                }
                ClickBatchResult result = tracker.sendClicks(batch);
                if (!result.unknownTrackingIds().isEmpty()) {
                    LOG.warn("tracker-api does not know {}; {} clicks for them dropped", result.unknownTrackingIds(),
                            batch.size() - result.recorded() - result.duplicates());
                }
                shipped.addAndGet(result.recorded());
                batch.clear();
                inFlight = 0;
                backoffMillis = 100;
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not ship {} clicks, retrying in {} ms: {}", batch.size(), backoffMillis, e.getMessage());
                if (!sleep(backoffMillis)) {
                    break;
                }
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
            }
        }
        if (!batch.isEmpty() || !queue.isEmpty()) {
            LOG.error("Stopped with {} clicks not shipped", batch.size() + queue.size());
        }
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return running;
        }
    }

    /** Stops taking new work and gives the worker a few seconds to ship what is queued. */
    @Override
    public void close() {
        running = false;
        try {
            worker.join(Duration.ofSeconds(5).toMillis());
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
