package dev.tracerlinks.model;

/** Body of {@code POST /api/links}: job, where the link sits in the resume, and where it goes. */
public record IssueLinkRequest(
        String jobId,
        String sourcePath,
        String destinationUrl,
        String linkFunction,
        String linkType,
        String description,
        String applicationId) {
}
