package dev.tracerlinks.model;

/** The guide's answer to {@code GET /api/link-tracking/analytics/{tracking_id}}. */
public record LinkAnalytics(LinkInfo linkInfo, ClickStatistics clickStatistics) {
}
