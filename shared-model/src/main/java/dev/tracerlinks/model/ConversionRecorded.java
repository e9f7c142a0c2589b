package dev.tracerlinks.model;

import java.time.Instant;

/** A stored conversion; {@code status} is {@code recorded}, or {@code duplicate} when this click and event were already reported. */
public record ConversionRecorded(String clickId, String trackingId, int event, Instant occurredAt, Double value, boolean isBot,
                                 String status) {
}
