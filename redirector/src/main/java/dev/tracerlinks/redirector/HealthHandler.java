package dev.tracerlinks.redirector;

import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /health}: answers without touching tracker-api, so the edge's health is its own. */
final class HealthHandler {
    private final ClickOutbox outbox;
    private final LinkReplica replica;
    private final VisitorSaltHolder salts;

    HealthHandler(ClickOutbox outbox, LinkReplica replica, VisitorSaltHolder salts) {
        this.outbox = outbox;
        this.replica = replica;
        this.salts = salts;
    }

    void get(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(Map.of(
                "status", "ok",
                "service", "redirector",
                "links_known", replica.size(),
                "clicks_pending", outbox.pending(),
                "clicks_dropped", outbox.dropped(),
                "visitor_hashing", salts.todaysSalt().isPresent()));
    }
}
