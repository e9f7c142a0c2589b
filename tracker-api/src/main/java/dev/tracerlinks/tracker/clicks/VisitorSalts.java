package dev.tracerlinks.tracker.clicks;

import dev.tracerlinks.model.VisitorSalt;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;

/**
 * One random salt per UTC day, shared by every redirector (served to {@code redirector} keys) and used
 * here for guide clients that send a raw address. Salts older than yesterday are deleted whenever
 * today's is read, so a visitor hash cannot be linked to an address after two days.
 */
public final class VisitorSalts {
    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public VisitorSalts(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public VisitorSalt today() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String candidate = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM visitor_salts WHERE day < :oldest")
                    .bind("oldest", day.minusDays(1).toString()).execute();
            handle.createUpdate("INSERT OR IGNORE INTO visitor_salts (day, salt, created_at) VALUES (:day, :salt, :now)")
                    .bind("day", day.toString()).bind("salt", candidate).bind("now", clock.millis()).execute();
            String salt = handle.createQuery("SELECT salt FROM visitor_salts WHERE day = :day")
                    .bind("day", day.toString()).mapTo(String.class).one();
            return new VisitorSalt(day, salt);
        });
    }
}
