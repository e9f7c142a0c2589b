package dev.tracerlinks.model;

import java.time.Instant;

/**
 * The guide's link data structure, plus the source path the link was issued for and the options of
 * tracking links: whether the redirect appends the click id ({@code click_id_param} names it) and
 * the source's tracking code ({@code tracking_code_param} names it, e.g. {@code utm_source}).
 */
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
        Instant createdAt,
        boolean appendClickId,
        String clickIdParam,
        String sourceId,
        String title,
        String creditedTo,
        String trackingCode,
        String trackingCodeParam) {
}
