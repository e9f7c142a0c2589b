package dev.tracerlinks.model;

import java.time.Instant;

/** Body of {@code POST /api/conversions}: the click id the landing site kept, the event (1, 2 = application completed, 3), when, and an optional value. */
public record ConversionRequest(String clickId, Integer event, Instant occurredAt, Double value) {
}
