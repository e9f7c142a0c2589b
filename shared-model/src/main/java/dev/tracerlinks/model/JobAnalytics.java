package dev.tracerlinks.model;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/jobs/{job_id}/analytics}: the per-job drilldown. */
public record JobAnalytics(
        Job job,
        Instant from,
        Instant to,
        boolean includeBots,
        long clicks,
        long humanClicks,
        long botClicks,
        long uniqueVisitors,
        Instant firstClick,
        Instant lastClick,
        List<LinkRow> links,
        List<Count> referrerHosts,
        List<Count> clickSources,
        List<TimeBucket> daily,
        ConversionCounts conversions) {

    /** Every link of the job, also those never clicked. */
    public record LinkRow(String trackingId, String originalUrl, String linkFunction, String sourcePath, boolean isActive,
            long clicks, long uniqueVisitors, Instant firstClick, Instant lastClick, ConversionCounts conversions) {
    }

    /** A value and how many clicks had it. */
    public record Count(String value, long clicks) {
    }
}
