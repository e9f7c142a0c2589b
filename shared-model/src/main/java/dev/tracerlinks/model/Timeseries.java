package dev.tracerlinks.model;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/analytics/timeseries}: every bucket from {@code from} to {@code to}, empty ones included. */
public record Timeseries(String interval, Instant from, Instant to, boolean includeBots, String jobId, List<TimeBucket> buckets) {
}
