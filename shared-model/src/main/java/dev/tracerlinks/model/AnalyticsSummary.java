package dev.tracerlinks.model;

import java.time.Instant;

/**
 * {@code GET /api/analytics/summary}. {@code clicks} counts humans, plus bots when {@code include_bots};
 * {@code human_clicks} and {@code bot_clicks} are always both given. Visitors, links, jobs and first/last
 * follow {@code include_bots}. {@code conversions} belong to the clicks in the range.
 */
public record AnalyticsSummary(
        Instant from,
        Instant to,
        boolean includeBots,
        long clicks,
        long humanClicks,
        long botClicks,
        long uniqueVisitors,
        long linksClicked,
        long jobsClicked,
        Instant firstClick,
        Instant lastClick,
        ConversionCounts conversions) {
}
