package dev.tracerlinks.model;

import java.time.Instant;

/** A row of {@code GET /api/analytics/top-jobs}. */
public record TopJob(String jobId, String company, String title, long clicks, long uniqueVisitors, long linksClicked, Instant lastClick,
        ConversionCounts conversions) {
}
