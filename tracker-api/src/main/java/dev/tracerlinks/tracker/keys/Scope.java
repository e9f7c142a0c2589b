package dev.tracerlinks.tracker.keys;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. {@code admin} implies every other scope. */
public enum Scope implements RouteRole {
    ADMIN("admin"),
    ANALYTICS_READ("analytics:read"),
    REDIRECTOR("redirector"),
    CONVERSIONS_WRITE("conversions:write");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        return Arrays.stream(values()).filter(scope -> scope.wireName.equals(name)).findFirst();
    }
}
