package dev.tracerlinks.tracker.analytics;

import dev.tracerlinks.tracker.clicks.RunningSumsWorker;
import dev.tracerlinks.tracker.db.Engine;
import io.javalin.http.Context;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** The analytics routes: summary, top jobs and links, time series, the per-job drilldown, the CSV export. */
public final class AnalyticsHandler {
    private final Analytics analytics;
    private final ClicksCsv csv;
    private final Clock clock;

    public AnalyticsHandler(Jdbi jdbi, Engine engine, RunningSumsWorker runningSums, Clock clock) {
        this.analytics = new Analytics(jdbi, engine, runningSums);
        this.csv = new ClicksCsv(jdbi, engine);
        this.clock = clock;
    }

    public void summary(Context ctx) {
        ctx.json(analytics.summary(AnalyticsParams.parse(ctx, clock)));
    }

    public void sources(Context ctx) {
        ctx.json(java.util.Map.of("sources", analytics.sources(AnalyticsParams.parse(ctx, clock))));
    }

    public void topJobs(Context ctx) {
        ctx.json(analytics.topJobs(AnalyticsParams.parse(ctx, clock)));
    }

    public void topLinks(Context ctx) {
        ctx.json(analytics.topLinks(AnalyticsParams.parse(ctx, clock)));
    }

    public void timeseries(Context ctx) {
        ctx.json(analytics.timeseries(AnalyticsParams.parse(ctx, clock)));
    }

    public void job(Context ctx) {
        ctx.json(analytics.job(ctx.pathParam("job_id"), AnalyticsParams.parse(ctx, clock)));
    }

    public void clicksCsv(Context ctx) {
        AnalyticsParams params = AnalyticsParams.parse(ctx, clock);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"clicks.csv\"");
        csv.write(params, ctx.outputStream());
    }
}
