package dev.tracerlinks.model;

import java.time.Instant;

/** A row of {@code GET /api/analytics/top-links}. */
public record TopLink(String trackingId, String jobId, String linkFunction, String originalUrl, long clicks, long uniqueVisitors,
        Instant lastClick, ConversionCounts conversions) {
}
