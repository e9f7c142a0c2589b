package dev.tracerlinks.tracker.clicks;

import java.time.Instant;

/** A row of {@code link_clicks}: anonymised fields only, by construction (see {@link ClickIngestor}). */
public record StoredClick(
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
