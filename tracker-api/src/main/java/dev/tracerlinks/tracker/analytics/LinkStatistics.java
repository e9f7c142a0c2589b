package dev.tracerlinks.tracker.analytics;

import dev.tracerlinks.model.ClickStatistics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** The guide's click statistics of one link. */
public final class LinkStatistics {
    private final Jdbi jdbi;
    private final Clock clock;

    public LinkStatistics(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * {@code unique_sessions} counts distinct daily visitor hashes; opted-out clicks count only in the
     * total. Clicks classified as bots are left out unless {@code includeBots}.
     */
    public ClickStatistics forLink(String trackingId, boolean includeBots) {
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT count(*)                                        AS total_clicks,
                               count(DISTINCT visitor_hash)                    AS unique_sessions,
                               min(clicked_at)                                 AS first_click,
                               max(clicked_at)                                 AS last_click,
                               coalesce(sum(CASE WHEN clicked_at >= :dayAgo THEN 1 ELSE 0 END), 0)  AS clicks24h,
                               coalesce(sum(CASE WHEN clicked_at >= :weekAgo THEN 1 ELSE 0 END), 0) AS clicks7d
                          FROM link_clicks
                         WHERE tracking_id = :trackingId AND (:includeBots = 1 OR is_bot = 0)
                        """)
                .bind("trackingId", trackingId)
                .bind("includeBots", includeBots)
                .bind("dayAgo", now.minus(Duration.ofHours(24)))
                .bind("weekAgo", now.minus(Duration.ofDays(7)))
                .map((rs, row) -> new ClickStatistics(
                        rs.getLong("total_clicks"),
                        rs.getLong("unique_sessions"),
                        instantOrNull(rs.getLong("first_click"), rs.wasNull()),
                        instantOrNull(rs.getLong("last_click"), rs.wasNull()),
                        rs.getLong("clicks24h"),
                        rs.getLong("clicks7d")))
                .one());
    }

    private static Instant instantOrNull(long millis, boolean wasNull) {
        return wasNull ? null : Instant.ofEpochMilli(millis);
    }
}
