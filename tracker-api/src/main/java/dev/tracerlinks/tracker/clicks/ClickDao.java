package dev.tracerlinks.tracker.clicks;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface ClickDao {

    /** A row of {@code link_clicks}: anonymised fields only, by construction. */
    record StoredClick(
            String clickId,
            String trackingId,
            Instant clickedAt,
            Instant receivedAt,
            String ipPrefix,
            String visitorHash,
            String userAgent,
            String referrerHost,
            String sessionId,
            String clickSource,
            String method,
            String metadata,
            String signals,
            boolean isBot,
            String botReason) {
    }

    String INSERT = """
            INSERT OR IGNORE INTO link_clicks (click_id, tracking_id, clicked_at, received_at, ip_prefix, visitor_hash,
                                               user_agent, referrer_host, session_id, click_source, method, metadata, signals,
                                               is_bot, bot_reason)
            VALUES (:clickId, :trackingId, :clickedAt, :receivedAt, :ipPrefix, :visitorHash,
                    :userAgent, :referrerHost, :sessionId, :clickSource, :method, :metadata, :signals,
                    :isBot, :botReason)
            """;

    /** Returns 0 when the click id is already stored: redelivery never counts twice. */
    @SqlUpdate(INSERT)
    int insert(@BindMethods StoredClick click);

    /** One statement, many rows; each count is 0 for a click id already stored. */
    @SqlBatch(INSERT)
    int[] insertAll(@BindMethods List<StoredClick> clicks);
}
