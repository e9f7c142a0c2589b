package dev.tracerlinks.model;

import java.time.Instant;
import java.util.Map;

/**
 * One click as sent to tracker-api: the guide's click data structure, plus the fields the edge fills
 * in itself ({@code click_id}, the anonymised {@code ip_prefix} and {@code visitor_hash}, the request
 * method, and {@code signals}: what the request looked like, for bot classification, without identity).
 * {@code ip_address} is accepted for guide clients and never stored.
 */
public record ClickEvent(
        String clickId,
        String trackingId,
        Instant clickedAt,
        String ipAddress,
        String ipPrefix,
        String visitorHash,
        String userAgent,
        String referrerUrl,
        String sessionId,
        String clickSource,
        String method,
        Map<String, String> metadata,
        Map<String, String> signals) {
}
