package dev.tracerlinks.redirector;

import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /health}: answers without touching tracker-api, so the edge's health is its own. */
final class HealthHandler {
    private final ClickShipper shipper;

    HealthHandler(ClickShipper shipper) {
        this.shipper = shipper;
    }

    void get(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(Map.of(
                "status", "ok",
                "service", "redirector",
                "clicks_pending", shipper.pending()));
    }
}
