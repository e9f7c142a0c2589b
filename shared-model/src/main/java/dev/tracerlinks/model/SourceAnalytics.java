package dev.tracerlinks.model;

/** One row of {@code GET /api/analytics/sources}: a source's links, clicks (human and bot) and conversions in the range. */
public record SourceAnalytics(String sourceId, String name, String type, boolean archived, long links, long humanClicks, long botClicks,
                              ConversionCounts conversions) {
}
