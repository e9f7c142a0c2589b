package dev.tracerlinks.tracker.sources;

import dev.tracerlinks.model.SourceRequest;
import dev.tracerlinks.tracker.http.RequestBodies;
import io.javalin.http.Context;
import java.util.Map;

/** {@code POST/GET /api/sources}, {@code GET/PATCH /api/sources/{source_id}}. */
public final class SourceHandler {
    private final Sources sources;
    private final RequestBodies bodies;

    public SourceHandler(Sources sources, RequestBodies bodies) {
        this.sources = sources;
        this.bodies = bodies;
    }

    public void create(Context ctx) {
        ctx.status(201).json(sources.create(bodies.read(ctx, SourceRequest.class)));
    }

    public void list(Context ctx) {
        ctx.json(Map.of("sources", sources.list()));
    }

    public void get(Context ctx) {
        ctx.json(sources.get(ctx.pathParam("source_id")));
    }

    public void update(Context ctx) {
        ctx.json(sources.update(ctx.pathParam("source_id"), bodies.read(ctx, SourceRequest.class)));
    }
}
