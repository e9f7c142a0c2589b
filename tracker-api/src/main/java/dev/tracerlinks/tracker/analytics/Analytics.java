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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The analytics a job seeker reads: totals, top lists, time series, one job in detail. */
final class Analytics {
    private final Jdbi jdbi;

    Analytics(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    AnalyticsSummary summary(AnalyticsParams params) {
        return jdbi.withHandle(handle -> {
            AnalyticsSummary totals = AnalyticsDao.summary(handle, params);
            ConversionCounts conversions = AnalyticsDao.conversions(handle, params, "").getOrDefault("", ConversionCounts.none());
            return new AnalyticsSummary(totals.from(), totals.to(), totals.includeBots(), totals.clicks(), totals.humanClicks(),
                    totals.botClicks(), totals.uniqueVisitors(), totals.linksClicked(), totals.jobsClicked(), totals.firstClick(),
                    totals.lastClick(), conversions);
        });
    }

    List<SourceAnalytics> sources(AnalyticsParams params) {
        return jdbi.withHandle(handle -> AnalyticsDao.sources(handle, params));
    }

    List<TopJob> topJobs(AnalyticsParams params) {
        return jdbi.withHandle(handle -> {
            Map<String, ConversionCounts> conversions = AnalyticsDao.conversions(handle, params, "l.job_id");
            return AnalyticsDao.topJobs(handle, params).stream().map(row -> new TopJob(row.jobId(), row.company(), row.title(), row.clicks(),
                    row.uniqueVisitors(), row.linksClicked(), row.lastClick(), conversions.getOrDefault(row.jobId(), ConversionCounts.none())))
                    .toList();
        });
    }

    List<TopLink> topLinks(AnalyticsParams params) {
        return jdbi.withHandle(handle -> {
            Map<String, ConversionCounts> conversions = AnalyticsDao.conversions(handle, params, "c.tracking_id");
            return AnalyticsDao.topLinks(handle, params).stream().map(row -> new TopLink(row.trackingId(), row.jobId(), row.linkFunction(),
                    row.originalUrl(), row.clicks(), row.uniqueVisitors(), row.lastClick(),
                    conversions.getOrDefault(row.trackingId(), ConversionCounts.none()))).toList();
        });
    }

    Timeseries timeseries(AnalyticsParams params) {
        checkBuckets(params, params.interval());
        return new Timeseries(params.interval().name().toLowerCase(Locale.ROOT), params.from(), params.to(), params.includeBots(),
                params.jobId(), jdbi.withHandle(handle -> AnalyticsDao.series(handle, params, params.interval())));
    }

    JobAnalytics job(String jobId, AnalyticsParams query) {
        AnalyticsParams params = new AnalyticsParams(query.from(), query.to(), query.includeBots(), jobId, query.limit(),
                AnalyticsParams.Interval.DAY);
        checkBuckets(params, AnalyticsParams.Interval.DAY);
        return jdbi.inTransaction(handle -> {
            Job job = handle.attach(JobDao.class).findById(jobId).orElseThrow(() -> Jobs.unknownJob(jobId));
            AnalyticsSummary totals = AnalyticsDao.summary(handle, params);
            return new JobAnalytics(job, params.from(), params.to(), params.includeBots(), totals.clicks(), totals.humanClicks(),
                    totals.botClicks(), totals.uniqueVisitors(), totals.firstClick(), totals.lastClick(),
                    AnalyticsDao.jobLinks(handle, params),
                    AnalyticsDao.topValues(handle, params, "referrer_host"),
                    AnalyticsDao.topValues(handle, params, "click_source"),
                    AnalyticsDao.series(handle, params, AnalyticsParams.Interval.DAY),
                    AnalyticsDao.conversions(handle, params, "").getOrDefault("", ConversionCounts.none()));
        });
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
