package dev.tracerlinks.tracker.keys;

import dev.tracerlinks.model.ApiKeyRequest;
import dev.tracerlinks.tracker.http.RequestBodies;
import io.javalin.http.Context;

/** {@code POST /api/keys}, {@code GET /api/keys}, {@code DELETE /api/keys/{id}}. */
public final class ApiKeyHandler {
    private final ApiKeys keys;
    private final RequestBodies bodies;

    public ApiKeyHandler(ApiKeys keys, RequestBodies bodies) {
        this.keys = keys;
        this.bodies = bodies;
    }

    public void create(Context ctx) {
        ApiKeyRequest request = bodies.read(ctx, ApiKeyRequest.class);
        ctx.status(201).json(keys.create(request.scopes(), request.name()));
    }

    public void list(Context ctx) {
        ctx.json(keys.list());
    }

    public void delete(Context ctx) {
        keys.delete(ctx.pathParam("id"));
        ctx.status(204);
    }
}
