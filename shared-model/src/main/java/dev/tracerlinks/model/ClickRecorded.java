package dev.tracerlinks.model;

import java.time.Instant;

/** The guide's answer to {@code POST /api/link-tracking/record-click}. */
public record ClickRecorded(String clickId, String trackingId, Instant clickedAt, String clickSource, String status) {
}
