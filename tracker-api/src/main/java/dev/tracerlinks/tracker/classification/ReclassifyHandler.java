package dev.tracerlinks.tracker.classification;

import io.javalin.http.Context;

/** {@code POST /api/clicks/reclassify} (admin): today's rules over every stored click. */
public final class ReclassifyHandler {
    private final Reclassifier reclassifier;

    public ReclassifyHandler(Reclassifier reclassifier) {
        this.reclassifier = reclassifier;
    }

    public void reclassify(Context ctx) {
        ctx.json(reclassifier.reclassifyAll());
    }
}
