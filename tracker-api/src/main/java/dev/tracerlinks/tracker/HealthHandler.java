package dev.tracerlinks.tracker;

import dev.tracerlinks.tracker.db.Database;
import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /health}: no key needed; 503 when the database does not answer. */
final class HealthHandler {
    private final Database database;

    HealthHandler(Database database) {
        this.database = database;
    }

    void get(Context ctx) {
        boolean databaseUp = database.isReachable();
        ctx.status(databaseUp ? 200 : 503).json(Map.of(
                "status", databaseUp ? "ok" : "unavailable",
                "service", "tracker-api",
                "database", databaseUp ? "ok" : "unreachable"));
    }
}
