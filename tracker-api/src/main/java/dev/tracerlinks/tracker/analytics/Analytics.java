package dev.tracerlinks.tracker.analytics;

import dev.tracerlinks.model.AnalyticsSummary;
import dev.tracerlinks.model.ConversionCounts;
import dev.tracerlinks.model.SourceAnalytics;
import dev.tracerlinks.model.Job;
import dev.tracerlinks.model.JobAnalytics;
import dev.tracerlinks.model.Timeseries;
import dev.tracerlinks.model.TopJob;
import dev.tracerlinks.model.TopLink;
import dev.tracerlinks.tracker.http.ApiException;
import dev.tracerlinks.tracker.jobs.JobDao;
import dev.tracerlinks.tracker.jobs.Jobs;
import dev.tracerlinks.tracker.analytics.AnalyticsDao.Level;
import dev.tracerlinks.tracker.analytics.ClickRollups.Counts;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.tracerlinks.tracker.clicks.RunningSums;
import dev.tracerlinks.tracker.clicks.RunningSumsWorker;
import dev.tracerlinks.tracker.db.Engine;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.HandleCallback;

/** The analytics a job seeker reads: totals, top lists, time series, one job in detail. */
final class Analytics {
    /** How long a top list waits for the background recompute of running sums before it answers 503. */
    private static final Duration RUNNING_SUMS_WAIT = Duration.ofSeconds(20);

    private final Jdbi jdbi;
    private final Engine engine;
    private final RunningSumsWorker runningSums;

    Analytics(Jdbi jdbi, Engine engine, RunningSumsWorker runningSums) {
        this.jdbi = jdbi;
        this.engine = engine;
        this.runningSums = runningSums;
    }

    AnalyticsSummary summary(AnalyticsParams params) {
        return inSnapshot(handle -> {
            boolean bots = params.includeBots();
            Counts totals = AnalyticsDao.totals(handle, params);
            Map<String, Long> clickedLinks = AnalyticsDao.clickedLinksPerJob(handle, params, null);
            long linksClicked = clickedLinks.values().stream().mapToLong(Long::longValue).sum();
            long jobsClicked = clickedLinks.keySet().stream().filter(job -> !job.isEmpty()).count();
            String scope = params.jobId() == null ? null : "l.job_id = :id";
            ConversionCounts conversions = AnalyticsDao.conversions(handle, params, "", Map.of("", totals.human()))
                    .getOrDefault("", ConversionCounts.none());
            return new AnalyticsSummary(params.from(), params.to(), bots, totals.clicks(bots), totals.human(), totals.bot(),
                    totals.visitors(bots), linksClicked, jobsClicked,
                    AnalyticsDao.clickAtEdge(handle, params, false, scope, params.jobId()),
                    AnalyticsDao.clickAtEdge(handle, params, true, scope, params.jobId()), conversions);
        });
    }

    List<SourceAnalytics> sources(AnalyticsParams params) {
        return jdbi.withHandle(handle -> AnalyticsDao.sources(handle, params));
    }

    List<TopJob> topJobs(AnalyticsParams params) {
        return withRunningSums(handle -> {
            boolean bots = params.includeBots();
            Map<String, Counts> jobs = AnalyticsDao.top(handle, params, Level.JOB);
            List<String> top = List.copyOf(jobs.keySet());
            Map<String, Long> linksClicked = AnalyticsDao.clickedLinksPerJob(handle, params, top);
            Map<String, String[]> fields = AnalyticsDao.jobFields(handle, top);
            Map<String, ConversionCounts> conversions = AnalyticsDao.conversions(handle, params, "coalesce(l.job_id, '')", humanClicks(jobs));
            return top.stream().map(job -> {
                String[] companyAndTitle = fields.getOrDefault(job, new String[2]);
                return new TopJob(job.isEmpty() ? null : job, companyAndTitle[0], companyAndTitle[1], jobs.get(job).clicks(bots),
                        jobs.get(job).visitors(bots), linksClicked.getOrDefault(job, 0L),
                        AnalyticsDao.clickAtEdge(handle, params, true, AnalyticsDao.jobLinksCondition(job), job),
                        conversions.getOrDefault(job, ConversionCounts.none()));
            }).toList();
        });
    }

    List<TopLink> topLinks(AnalyticsParams params) {
        return withRunningSums(handle -> {
            boolean bots = params.includeBots();
            Map<String, Counts> links = AnalyticsDao.top(handle, params, Level.LINK);
            List<String> top = List.copyOf(links.keySet());
            Map<String, TopLink> fields = AnalyticsDao.linkFields(handle, top);
            Map<String, ConversionCounts> conversions = AnalyticsDao.conversions(handle, params, "c.tracking_id", humanClicks(links));
            return top.stream().map(link -> {
                TopLink row = fields.get(link);
                return new TopLink(link, row.jobId(), row.linkFunction(), row.originalUrl(), links.get(link).clicks(bots),
                        links.get(link).visitors(bots), AnalyticsDao.clickAtEdge(handle, params, true, "l.tracking_id = :id", link),
                        conversions.getOrDefault(link, ConversionCounts.none()));
            }).toList();
        });
    }

    Timeseries timeseries(AnalyticsParams params) {
        checkBuckets(params, params.interval());
        return new Timeseries(params.interval().name().toLowerCase(Locale.ROOT), params.from(), params.to(), params.includeBots(),
                params.jobId(), inSnapshot(handle -> AnalyticsDao.series(handle, params, params.interval())));
    }

    JobAnalytics job(String jobId, AnalyticsParams query) {
        AnalyticsParams params = new AnalyticsParams(query.from(), query.to(), query.includeBots(), jobId, query.limit(),
                AnalyticsParams.Interval.DAY);
        checkBuckets(params, AnalyticsParams.Interval.DAY);
        return withRunningSums(handle -> {
            boolean bots = params.includeBots();
            Job job = handle.attach(JobDao.class).findById(jobId).orElseThrow(() -> Jobs.unknownJob(jobId));
            Counts totals = AnalyticsDao.totals(handle, params);
            Map<String, Counts> links = AnalyticsDao.countsBy(handle, params, Level.LINK);
            Map<String, ConversionCounts> linkConversions = AnalyticsDao.conversions(handle, params, "c.tracking_id", humanClicks(links));
            List<JobAnalytics.LinkRow> rows = AnalyticsDao.jobLinkRows(handle, jobId).stream().map(row -> {
                Counts counts = links.getOrDefault(row.trackingId(), Counts.NONE);
                boolean clicked = counts.clicks(bots) > 0;
                String id = row.trackingId();
                return new JobAnalytics.LinkRow(id, row.originalUrl(), row.linkFunction(), row.sourcePath(), row.isActive(),
                        counts.clicks(bots), counts.visitors(bots),
                        clicked ? AnalyticsDao.clickAtEdge(handle, params, false, "l.tracking_id = :id", id) : null,
                        clicked ? AnalyticsDao.clickAtEdge(handle, params, true, "l.tracking_id = :id", id) : null,
                        linkConversions.getOrDefault(id, ConversionCounts.none()));
            }).toList();
            AnalyticsDao.ReferrersAndSources referrers = AnalyticsDao.referrersAndSources(handle, params);
            return new JobAnalytics(job, params.from(), params.to(), bots, totals.clicks(bots), totals.human(), totals.bot(),
                    totals.visitors(bots),
                    AnalyticsDao.clickAtEdge(handle, params, false, "l.job_id = :id", jobId),
                    AnalyticsDao.clickAtEdge(handle, params, true, "l.job_id = :id", jobId),
                    rows,
                    referrers.referrerHosts(),
                    referrers.clickSources(),
                    AnalyticsDao.series(handle, params, AnalyticsParams.Interval.DAY),
                    AnalyticsDao.conversions(handle, params, "", Map.of("", totals.human())).getOrDefault("", ConversionCounts.none()));
        });
    }

    /**
     * Runs the reads in one snapshot: on SQLite a deferred transaction, which in WAL mode neither waits
     * for writers nor holds them up; on PostgreSQL a read-only repeatable-read transaction, the same.
     * The daily and hourly counts are exact in every snapshot (every write keeps them); reads of the
     * running sums and counts go through {@link #withRunningSums}.
     */
    private <T> T inSnapshot(HandleCallback<T, RuntimeException> reads) {
        return jdbi.withHandle(handle -> {
            // Our SQLite connections begin IMMEDIATE transactions (they write); a read-only snapshot is begun by hand.
            handle.execute(engine == Engine.SQLITE ? "BEGIN DEFERRED"
                    : "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try {
                return reads.withHandle(handle);
            } finally {
                handle.execute("COMMIT");
            }
        });
    }

    /**
     * Runs the reads in one snapshot in which the running sums and counts are up to date. Writes keep
     * them so for clicks that arrive in time order; after late clicks or new labels the worker
     * recomputes them, and this asks it for a pass and waits (a GET never writes). A recompute that
     * takes longer (a full re-classification of millions of clicks) answers 503 with Retry-After.
     */
    private <T> T withRunningSums(HandleCallback<T, RuntimeException> reads) {
        long deadline = System.nanoTime() + RUNNING_SUMS_WAIT.toNanos();
        while (true) {
            Optional<T> answer = inSnapshot(handle -> RunningSums.isStale(handle)
                    ? Optional.<T>empty() : Optional.of(reads.withHandle(handle)));
            if (answer.isPresent()) {
                return answer.get();
            }
            long left = deadline - System.nanoTime();
            boolean passed;
            try {
                passed = left > 0 && runningSums.awaitPass(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                passed = false;
            }
            if (!passed) {
                throw new ApiException(503, "Analytics are being brought up to date after late clicks or a re-classification;"
                        + " try again in a few seconds.");
            }
        }
    }

    private static Map<String, Long> humanClicks(Map<String, Counts> counts) {
        Map<String, Long> human = new HashMap<>();
        counts.forEach((key, row) -> human.put(key, row.human()));
        return human;
    }

    private static void checkBuckets(AnalyticsParams params, AnalyticsParams.Interval interval) {
        long length = interval.length.toMillis();
        // The same count AnalyticsDao.series makes: buckets aligned to UTC, from the one holding from to the one holding to - 1 ms.
        long buckets = Math.floorDiv(params.to().toEpochMilli() - 1, length) - Math.floorDiv(params.from().toEpochMilli(), length) + 1;
        if (buckets > AnalyticsDao.MAX_BUCKETS) {
            throw ApiException.badRequest("That range has " + buckets + " " + interval.name().toLowerCase(Locale.ROOT)
                    + "s; a series holds at most " + AnalyticsDao.MAX_BUCKETS + ". Narrow from/to or use interval=day.");
        }
    }
}
