package dev.tracerlinks.tracker.keys;

import dev.tracerlinks.model.ApiKeyRequest;
import dev.tracerlinks.tracker.http.ApiException;
import dev.tracerlinks.tracker.http.RequestBodies;
import io.javalin.http.Context;
import java.util.Map;

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
        if (request.scopes() != null && request.scopes().contains(Scope.REDIRECTOR.wireName())) {
            // A redirector key gets the visitor salt and posts clicks with chosen addresses: with an admin key's
            // analytics, that is an oracle for visitors' addresses. Only someone on the server may make one.
            throw new ApiException(403, "Redirector keys are made on the server, not over the API: run "
                    + "'java -jar tracker-api.jar create-key redirector' there (with the same TRACKER_DB).",
                    Map.of("scope", Scope.REDIRECTOR.wireName()));
        }
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
