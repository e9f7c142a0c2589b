package dev.tracerlinks.tracker.clicks;

import dev.tracerlinks.model.VisitorSalt;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * One random salt per UTC day, shared by every redirector (served to {@code redirector} keys) and used
 * here for guide clients that send a raw address. The salt lives in memory only, never in the
 * database: an IPv4 prefix has 256 possible hosts, so a stored salt next to stored prefixes and
 * hashes would let anyone with the database file recover full addresses. When the day changes the old
 * salt is dropped, so yesterday's hashes can no longer be linked to anyone.
 *
 * <p>The price: a restart of tracker-api starts a new salt for the rest of the day, so a visitor seen
 * before and after the restart counts as two unique visitors that day.
 */
public final class VisitorSalts {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private VisitorSalt current;

    public VisitorSalts(Clock clock) {
        this.clock = clock;
    }

    public synchronized VisitorSalt today() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (current == null || !current.day().equals(day)) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            current = new VisitorSalt(day, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        return current;
    }
}
