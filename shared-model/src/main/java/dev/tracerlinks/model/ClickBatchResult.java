package dev.tracerlinks.model;

import java.util.List;

/**
 * Answer to {@code POST /api/link-tracking/record-clicks}. {@code duplicates} were already stored
 * (redelivery); clicks for unknown tracking ids are dropped and listed so the sender can log them.
 */
public record ClickBatchResult(int received, int recorded, int duplicates, List<String> unknownTrackingIds) {
}
