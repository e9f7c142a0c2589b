package dev.tracerlinks.model;

/**
 * Body of {@code POST /api/links}: job, where the link sits in the resume, and where it goes; plus
 * the options of tracking links: append the click's id to the destination ({@code append_click_id},
 * under {@code click_id_param}, default {@code tl_cid}), and a source with a tracking code appended
 * as {@code tracking_code_param} (default {@code utm_source}).
 */
public record IssueLinkRequest(
        String jobId,
        String sourcePath,
        String destinationUrl,
        String linkFunction,
        String linkType,
        String description,
        String applicationId,
        Boolean appendClickId,
        String clickIdParam,
        String sourceId,
        String title,
        String creditedTo,
        String trackingCode,
        String trackingCodeParam) {

    /** A plain resume link, without click id or tracking code. */
    public static IssueLinkRequest plain(String jobId, String sourcePath, String destinationUrl, String linkFunction,
                                         String linkType, String description, String applicationId) {
        return new IssueLinkRequest(jobId, sourcePath, destinationUrl, linkFunction, linkType, description, applicationId,
                null, null, null, null, null, null, null);
    }
}
