package dev.tracerlinks.tracker.conversions;

import dev.tracerlinks.model.ConversionRequest;
import dev.tracerlinks.tracker.http.ApiException;
import dev.tracerlinks.tracker.http.RequestBodies;
import io.javalin.http.Context;

/**
 * {@code POST /api/conversions} (JSON) and {@code GET /api/conversions/{event}?click_id=...} for
 * sites that can only fire a URL (a pixel or a server-side GET). Both answer 200, also for a repeat.
 */
public final class ConversionHandler {
    private final Conversions conversions;
    private final RequestBodies bodies;

    public ConversionHandler(Conversions conversions, RequestBodies bodies) {
        this.conversions = conversions;
        this.bodies = bodies;
    }

    public void post(Context ctx) {
        ctx.json(conversions.record(bodies.read(ctx, ConversionRequest.class)));
    }

    public void get(Context ctx) {
        int event;
        try {
            event = Integer.parseInt(ctx.pathParam("event"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("The event in the path must be 1, 2 or 3.");
        }
        ctx.header("Cache-Control", "no-store").json(conversions.record(new ConversionRequest(ctx.queryParam("click_id"), event, null, null)));
    }
}
