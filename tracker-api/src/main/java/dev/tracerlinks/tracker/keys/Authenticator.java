package dev.tracerlinks.tracker.keys;

import dev.tracerlinks.tracker.http.ApiException;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs before every matched {@code /api/} route: a valid {@code Authorization: Bearer} key is required,
 * and it must carry one of the scopes the route was declared with (none declared: any valid key).
 * {@code admin} stands in for every scope except on routes declared with {@link ExplicitScope}: those
 * need the key itself to hold the scope.
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
        List<ExplicitScope> explicit = allowed.stream().filter(ExplicitScope.class::isInstance).map(ExplicitScope.class::cast).toList();
        if (!explicit.isEmpty()) {
            if (explicit.stream().anyMatch(scope -> granted.contains(scope.scope()))) {
                return;
            }
            throw new ApiException(403, "This endpoint answers only keys that hold the " + explicit.get(0).scope().wireName()
                    + " scope themselves; admin does not stand in for it.",
                    Map.of("required_scopes", explicit.stream().map(scope -> scope.scope().wireName()).sorted().toList()));
        }
        if (allowed.isEmpty() || granted.contains(Scope.ADMIN) || allowed.stream().anyMatch(granted::contains)) {
            return;
        }
        throw new ApiException(403, "This API key lacks the scope this endpoint needs.",
                Map.of("required_scopes", allowed.stream().map(role -> ((Scope) role).wireName()).sorted().toList()));
    }
}
