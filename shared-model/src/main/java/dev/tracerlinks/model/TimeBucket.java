package dev.tracerlinks.model;

import java.time.Instant;

/** One bucket of a time series: clicks from {@code start} for one interval (empty buckets have 0). */
public record TimeBucket(Instant start, long clicks) {
}
