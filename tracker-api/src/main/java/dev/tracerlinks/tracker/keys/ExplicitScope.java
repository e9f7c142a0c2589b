package dev.tracerlinks.tracker.keys;

import io.javalin.security.RouteRole;

/**
 * A route that only keys holding this scope themselves may call: {@code admin} does not imply it.
 * The visitor salt is one: with it and a click's /24 prefix, 256 hashes recover the address, so it
 * goes only to the edges that need it (DESIGN.md, Privacy).
 */
public enum ExplicitScope implements RouteRole {
    REDIRECTOR(Scope.REDIRECTOR);

    private final Scope scope;

    ExplicitScope(Scope scope) {
        this.scope = scope;
    }

    public Scope scope() {
        return scope;
    }
}
