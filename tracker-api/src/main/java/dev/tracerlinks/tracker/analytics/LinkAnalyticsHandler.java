package dev.tracerlinks.tracker.analytics;

import dev.tracerlinks.model.LinkAnalytics;
import dev.tracerlinks.model.LinkData;
import dev.tracerlinks.model.LinkInfo;
import dev.tracerlinks.tracker.http.QueryParams;
import dev.tracerlinks.tracker.links.Links;
import io.javalin.http.Context;

/** The guide's {@code GET /api/link-tracking/analytics/{tracking_id}}: link info and click statistics. */
public final class LinkAnalyticsHandler {
    private final Links links;
    private final LinkStatistics statistics;

    public LinkAnalyticsHandler(Links links, LinkStatistics statistics) {
        this.links = links;
        this.statistics = statistics;
    }

    public void get(Context ctx) {
        boolean includeBots = QueryParams.bool(ctx, "include_bots", false);
        LinkData link = links.get(ctx.pathParam("tracking_id"));
        ctx.json(new LinkAnalytics(LinkInfo.of(link), statistics.forLink(link.trackingId(), includeBots)));
    }
}
