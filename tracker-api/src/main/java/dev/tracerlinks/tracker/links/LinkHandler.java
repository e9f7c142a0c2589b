package dev.tracerlinks.tracker.links;

import dev.tracerlinks.model.IssueLinkRequest;
import dev.tracerlinks.model.LinkPatch;
import dev.tracerlinks.tracker.http.ApiException;
import dev.tracerlinks.tracker.http.QueryParams;
import dev.tracerlinks.tracker.http.RequestBodies;
import io.javalin.http.Context;

/** {@code POST /api/links}, {@code GET|PATCH /api/links/{tracking_id}}, {@code GET /api/jobs/{job_id}/links}. */
public final class LinkHandler {
    private final Links links;
    private final RequestBodies bodies;

    public LinkHandler(Links links, RequestBodies bodies) {
        this.links = links;
        this.bodies = bodies;
    }

    public void issue(Context ctx) {
        Links.Issued issued = links.issue(bodies.read(ctx, IssueLinkRequest.class));
        ctx.status(issued.created() ? 201 : 200).json(issued.link());
    }

    public void get(Context ctx) {
        ctx.json(links.get(ctx.pathParam("tracking_id")));
    }

    public void patch(Context ctx) {
        LinkPatch patch = bodies.read(ctx, LinkPatch.class);
        if (patch.isActive() == null) {
            throw ApiException.missingFields(java.util.List.of("is_active"), java.util.List.of("is_active"));
        }
        ctx.json(links.setActive(ctx.pathParam("tracking_id"), patch.isActive()));
    }

    /** {@code GET /api/links/changes?after={seq}&limit={n}}: the redirector's replica feed. */
    public void changes(Context ctx) {
        long after = QueryParams.number(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) QueryParams.number(ctx, "limit", 1000, 1, 5000);
        ctx.json(links.changesAfter(after, limit));
    }

    public void listForJob(Context ctx) {
        ctx.json(links.forJob(ctx.pathParam("job_id")));
    }
}
