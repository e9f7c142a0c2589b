package dev.tracerlinks.model;

/** The guide's {@code link_info} block of the analytics answer. */
public record LinkInfo(
        String trackingId,
        String originalUrl,
        String linkFunction,
        String linkType,
        String jobId,
        String applicationId,
        boolean isActive,
        String description) {

    public static LinkInfo of(LinkData link) {
        return new LinkInfo(link.trackingId(), link.originalUrl(), link.linkFunction(), link.linkType(),
                link.jobId(), link.applicationId(), link.isActive(), link.description());
    }
}
