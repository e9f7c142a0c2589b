package dev.tracerlinks.model;

import java.util.List;

/**
 * Answer to {@code POST /api/link-tracking/record-clicks}. {@code duplicates} were already stored
 * (redelivery). Clicks for unknown tracking ids are dropped and listed; clicks that fail validation
 * are dropped and listed with the reason. Neither fails the batch: a sender retrying it would block
 * every click behind it.
 */
public record ClickBatchResult(int received, int recorded, int duplicates, List<String> unknownTrackingIds,
        List<RejectedClick> rejected) {

    /** A click of the batch that was not stored, and why. */
    public record RejectedClick(String clickId, String reason) {
    }
}
