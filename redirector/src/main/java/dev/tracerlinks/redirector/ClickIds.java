package dev.tracerlinks.redirector;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUIDv7 click ids (RFC 9562): time-ordered, so ids made at the edge also sort by click time. The 74
 * random bits make ids unique, not secret (reporting a conversion for a click id needs an API key),
 * so the fast per-thread generator is enough.
 */
final class ClickIds {
    private final Clock clock;

    ClickIds(Clock clock) {
        this.clock = clock;
    }

    UUID next() {
        long millis = clock.millis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (millis << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
        long leastSignificant = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
