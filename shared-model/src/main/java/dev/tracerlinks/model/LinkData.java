package dev.tracerlinks.model;

import java.time.Instant;

/** The guide's link data structure, plus the source path the link was issued for. */
public record LinkData(
        String trackingId,
        String originalUrl,
        String redirectUrl,
        String linkFunction,
        String linkType,
        String jobId,
        String applicationId,
        boolean isActive,
        String description,
        String sourcePath,
        Instant createdAt) {
}
