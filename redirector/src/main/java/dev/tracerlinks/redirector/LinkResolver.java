package dev.tracerlinks.redirector;

import dev.tracerlinks.model.LinkData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token → link, through a cache in front of tracker-api. A fresh entry is served as is; a stale one is
 * still served at once while a background refresh asks tracker-api again, so a redirect waits on
 * tracker-api only the first time a token is seen. A deactivated link never comes back, so it is
 * cached for good. Unknown tokens are cached briefly, so repeated bad tokens do not hammer tracker-api.
 * (The durable replica that survives a tracker-api outage on a cold start is a later step.)
 */
final class LinkResolver {
    private static final Logger LOG = LoggerFactory.getLogger(LinkResolver.class);
    private static final Duration UNKNOWN_TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 100_000;

    /** What the edge knows about a token. */
    sealed interface Resolution permits Active, Deactivated, Unknown {
    }

    record Active(LinkData link) implements Resolution {
    }

    record Deactivated(String trackingId) implements Resolution {
    }

    record Unknown() implements Resolution {
    }

    private record Entry(Resolution resolution, Instant fetchedAt) {
    }

    private final TrackerClient tracker;
    private final Clock clock;
    private final Duration ttl;
    private final Executor refresher;
    private final ConcurrentMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    LinkResolver(TrackerClient tracker, Clock clock, Duration ttl, Executor refresher) {
        this.tracker = tracker;
        this.clock = clock;
        this.ttl = ttl;
        this.refresher = refresher;
    }

    /** Throws {@link TrackerClient.TrackerUnavailableException} only when the token was never seen and tracker-api is down. */
    Resolution resolve(String token) {
        Entry entry = cache.get(token);
        if (entry == null) {
            return fetch(token).resolution();
        }
        if (isStale(entry)) {
            if (entry.resolution() instanceof Unknown) {
                return fetchOrKeep(token, entry);
            }
            refreshInBackground(token);
        }
        return entry.resolution();
    }

    private boolean isStale(Entry entry) {
        if (entry.resolution() instanceof Deactivated) {
            return false;
        }
        Duration maxAge = entry.resolution() instanceof Unknown ? UNKNOWN_TTL : ttl;
        return entry.fetchedAt().plus(maxAge).isBefore(clock.instant());
    }

    private Resolution fetchOrKeep(String token, Entry stale) {
        try {
            return fetch(token).resolution();
        } catch (TrackerClient.TrackerUnavailableException e) {
            return stale.resolution();
        }
    }

    private void refreshInBackground(String token) {
        if (!refreshing.add(token)) {
            return;
        }
        refresher.execute(() -> {
            try {
                fetch(token);
            } catch (TrackerClient.TrackerUnavailableException e) {
                LOG.warn("Serving cached link {} while tracker-api is unavailable: {}", token, e.getMessage());
            } finally {
                refreshing.remove(token);
            }
        });
    }

    private Entry fetch(String token) {
        Optional<LinkData> link = tracker.findLink(token);
        Resolution resolution = link.<Resolution>map(found -> found.isActive() ? new Active(found) : new Deactivated(found.trackingId()))
                .orElseGet(Unknown::new);
        if (cache.size() >= MAX_ENTRIES) {
            // A flood of distinct tokens must not grow memory without bound; dropping the cache is cheap.
            cache.clear();
        }
        Entry entry = new Entry(resolution, clock.instant());
        cache.put(token, entry);
        return entry;
    }
}
