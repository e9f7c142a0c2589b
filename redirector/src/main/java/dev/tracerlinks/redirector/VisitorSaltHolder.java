package dev.tracerlinks.redirector;

import dev.tracerlinks.model.VisitorSalt;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Today's visitor salt, fetched from tracker-api (so all redirectors hash alike) by a background task,
 * never on the request path. Without today's salt a click keeps no visitor hash: it still counts, but
 * not as a unique visitor. A salt from another day is never used, so hashes cannot be linked across days.
 */
final class VisitorSaltHolder {
    private static final Logger LOG = LoggerFactory.getLogger(VisitorSaltHolder.class);

    private final TrackerClient tracker;
    private final Clock clock;
    private final AtomicReference<VisitorSalt> current = new AtomicReference<>();
    private volatile boolean warned;

    VisitorSaltHolder(TrackerClient tracker, Clock clock) {
        this.tracker = tracker;
        this.clock = clock;
    }

    Optional<String> todaysSalt() {
        VisitorSalt salt = current.get();
        return salt != null && salt.day().equals(today()) ? Optional.of(salt.salt()) : Optional.empty();
    }

    /**
     * Called every 30 s. Always asks: if tracker-api restarted and made a new salt, every edge adopts it
     * within 30 s instead of hashing with a salt the others no longer use.
     */
    void refresh() {
        try {
            current.set(tracker.todaysSalt());
            warned = false;
        } catch (RuntimeException e) {
            if (!warned && todaysSalt().isEmpty()) {
                LOG.warn("No visitor salt for today ({}); clicks are counted without visitor hashes until it arrives", e.getMessage());
                warned = true;
            }
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
