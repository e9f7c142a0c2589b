package dev.tracerlinks.tracker.readiness;

import io.javalin.http.Context;

/** {@code GET /api/readiness} and {@code POST /api/readiness/verify}. */
public final class ReadinessHandler {
    private final ReadinessChecks checks;

    public ReadinessHandler(ReadinessChecks checks) {
        this.checks = checks;
    }

    public void get(Context ctx) {
        ctx.json(checks.latest());
    }

    public void verify(Context ctx) {
        ctx.json(checks.verify());
    }
}
