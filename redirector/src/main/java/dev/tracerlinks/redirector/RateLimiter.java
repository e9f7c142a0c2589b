package dev.tracerlinks.redirector;

import dev.tracerlinks.model.Anonymizer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client token buckets, in memory only. Every request takes a token from the client's request
 * bucket (a burst of three seconds' worth, then the configured rate; 0 turns limiting off). Every 404
 * also takes one from a much smaller bucket ({@value #NOT_FOUND_BURST}, then one every
 * {@value #SECONDS_PER_NOT_FOUND} s): a client walking through tokens runs dry after a few misses and
 * is refused until it refills, while someone opening every link of a resume never notices.
 */
final class RateLimiter {
    static final int NOT_FOUND_BURST = 10;
    static final int SECONDS_PER_NOT_FOUND = 6;
    private static final int MAX_CLIENTS = 200_000;
    private static final String OVERFLOW = "overflow";
    private static final long IDLE_NANOS = Duration.ofMinutes(10).toNanos();

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long updatedNanos;

        Bucket(double capacity, double perSecond, long now) {
            this.capacity = capacity;
            this.perNano = perSecond / 1e9;
            this.tokens = capacity;
            this.updatedNanos = now;
        }

        /** Seconds until a token is available: 0 means one was taken now. */
        long take(long now, boolean consume) {
            tokens = Math.min(capacity, tokens + (now - updatedNanos) * perNano);
            updatedNanos = now;
            if (tokens >= 1) {
                if (consume) {
                    tokens -= 1;
                }
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano / 1e9);
        }
    }

    private static final class Client {
        final Bucket requests;
        final Bucket notFound;
        volatile long lastSeenNanos;

        Client(long now, int requestsPerSecond) {
            requests = new Bucket(3.0 * requestsPerSecond, requestsPerSecond, now);
            notFound = new Bucket(NOT_FOUND_BURST, 1.0 / SECONDS_PER_NOT_FOUND, now);
            lastSeenNanos = now;
        }
    }

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final int requestsPerSecond;

    RateLimiter(int requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    /** 0 when the request may go ahead; otherwise the seconds the client should wait (Retry-After). */
    long admit(String clientAddress) {
        if (requestsPerSecond <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        String client = clientKey(clientAddress);
        if (clients.size() >= MAX_CLIENTS && !clients.containsKey(client)) {
            evictIdle(now);
            if (clients.size() >= MAX_CLIENTS) {
                // A flood of distinct addresses shares one bucket instead of resetting everyone's.
                client = OVERFLOW;
            }
        }
        Client state = clients.computeIfAbsent(client, key -> new Client(now, requestsPerSecond));
        synchronized (state) {
            state.lastSeenNanos = now;
            long waitForMisses = state.notFound.take(now, false);
            if (waitForMisses > 0) {
                return waitForMisses;
            }
            return state.requests.take(now, true);
        }
    }

    /** The request ended in a 404. */
    void recordNotFound(String clientAddress) {
        if (requestsPerSecond <= 0) {
            return;
        }
        Client state = clients.get(clientKey(clientAddress));
        if (state == null) {
            state = clients.get(OVERFLOW);
        }
        if (state != null) {
            synchronized (state) {
                state.notFound.take(System.nanoTime(), true);
            }
        }
    }

    /** Forgets clients not seen for ten minutes; called periodically and when the map is full. */
    void evictIdle(long now) {
        clients.values().removeIf(client -> now - client.lastSeenNanos > IDLE_NANOS);
    }

    /**
     * IPv6 clients are limited per /64, the block one subscriber usually gets: otherwise a client could
     * walk through its own addresses to escape the limit.
     */
    static String clientKey(String address) {
        byte[] bytes = Anonymizer.parseIpLiteral(address);
        if (bytes == null || bytes.length == 4) {
            return address;
        }
        return HexFormat.of().formatHex(bytes, 0, 8) + "/64";
    }
}
