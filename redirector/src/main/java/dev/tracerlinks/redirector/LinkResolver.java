package dev.tracerlinks.redirector;

import dev.tracerlinks.model.LinkData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token → link. The replica answers almost always; a token it does not know yet (issued since the
 * last sync) is looked up in tracker-api once and remembered. Unknown tokens are remembered for a
 * short time, so a flood of bad tokens cannot hammer tracker-api.
 */
final class LinkResolver {
    static final Duration UNKNOWN_TTL = Duration.ofSeconds(10);
    private static final int MAX_UNKNOWN = 100_000;
    private static final Duration TRACKER_RETRY_AFTER = Duration.ofSeconds(3);

    /** What the edge knows about a token. */
    sealed interface Resolution permits Active, Deactivated, Unknown {
    }

    record Active(String trackingId, LinkReplica.KnownLink link) implements Resolution {
    }

    record Deactivated(String trackingId) implements Resolution {
    }

    record Unknown() implements Resolution {
    }

    private final LinkReplica replica;
    private final TrackerClient tracker;
    private final Clock clock;
    private final ConcurrentMap<String, Instant> unknownUntil = new ConcurrentHashMap<>();
    private volatile Instant trackerDownUntil = Instant.EPOCH;

    LinkResolver(LinkReplica replica, TrackerClient tracker, Clock clock) {
        this.replica = replica;
        this.tracker = tracker;
        this.clock = clock;
    }

    /** Throws {@link TrackerClient.TrackerUnavailableException} only for a token the edge never saw while tracker-api is down. */
    Resolution resolve(String token) {
        LinkReplica.KnownLink known = replica.get(token);
        if (known == null) {
            Instant until = unknownUntil.get(token);
            if (until != null && until.isAfter(clock.instant())) {
                return new Unknown();
            }
            if (trackerDownUntil.isAfter(clock.instant())) {
                throw new TrackerClient.TrackerUnavailableException("tracker-api failed moments ago; not asking again yet", null);
            }
            Optional<LinkData> found;
            try {
                found = tracker.findLink(token);
            } catch (TrackerClient.TrackerUnavailableException e) {
                // A hanging tracker-api must not pin a request thread per unknown token: stop asking for a while.
                trackerDownUntil = clock.instant().plus(TRACKER_RETRY_AFTER);
                throw e;
            }
            if (found.isEmpty()) {
                if (unknownUntil.size() >= MAX_UNKNOWN) {
                    unknownUntil.clear();
                }
                unknownUntil.put(token, clock.instant().plus(UNKNOWN_TTL));
                return new Unknown();
            }
            known = replica.rememberLookup(found.get());
        }
        return known.active() ? new Active(known.trackingId(), known) : new Deactivated(known.trackingId());
    }

    /** A link issued after a 404 was cached must not stay hidden until the entry expires. */
    void forgetUnknown(String token) {
        unknownUntil.remove(token);
    }
}
