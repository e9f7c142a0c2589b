package dev.tracerlinks.redirector;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** UUIDv7 click ids (RFC 9562): time-ordered, so ids made at the edge also sort by click time. */
final class ClickIds {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ClickIds(Clock clock) {
        this.clock = clock;
    }

    UUID next() {
        long millis = clock.millis();
        long mostSignificant = (millis << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
        long leastSignificant = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
