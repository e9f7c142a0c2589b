package dev.tracerlinks.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The guide's {@code click_statistics} block; first and last click are null before the first click. */
public record ClickStatistics(
        long totalClicks,
        long uniqueSessions,
        Instant firstClick,
        Instant lastClick,
        @JsonProperty("clicks_24h") long clicks24h,
        @JsonProperty("clicks_7d") long clicks7d) {
}
