package dev.tracerlinks.tracker.keys;

import dev.tracerlinks.tracker.http.ApiException;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Set;

/**
 * Runs before every matched {@code /api/} route: a valid {@code Authorization: Bearer} key is required,
 * and it must carry one of the scopes the route was declared with (none declared: any valid key).
 */
public final class Authenticator {
    private final ApiKeys keys;

    public Authenticator(ApiKeys keys) {
        this.keys = keys;
    }

    public void check(Context ctx) {
        if (!ctx.path().startsWith("/api/")) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw new ApiException(401, "This endpoint needs an API key: send Authorization: Bearer <key>.");
        }
        Set<Scope> granted = keys.authenticate(header.substring(7).strip())
                .orElseThrow(() -> new ApiException(401, "The API key is not valid (unknown, revoked or mistyped)."));
        Set<RouteRole> allowed = ctx.routeRoles();
        if (allowed.isEmpty() || granted.contains(Scope.ADMIN) || allowed.stream().anyMatch(granted::contains)) {
            return;
        }
        throw new ApiException(403, "This API key lacks the scope this endpoint needs.",
                java.util.Map.of("required_scopes", allowed.stream().map(role -> ((Scope) role).wireName()).sorted().toList()));
    }
}
