package dev.tracerlinks.model;

import java.util.List;

/**
 * What a resume rewrite ({@code POST /api/jobs/{job_id}/pdf} or {@code /resume}) did: every link
 * found, which ones now point at tracer links, which were left alone and why, and how many printed
 * URLs were replaced.
 *
 * @param status {@code rewritten}, or {@code unchanged} when the job's tracer links are off
 * @param reason why the document came back unchanged; null when rewritten
 * @param visibleText what was asked for printed URLs: {@code auto} (replaced when the tracer URL fits
 *     legibly), {@code replace} or {@code keep}
 * @param visibleTextsReplaced printed URLs now showing the tracer URL
 * @param visibleTextsKept printed URLs that could not be replaced (each link says why)
 */
public record RewriteReport(
        String jobId,
        String status,
        String reason,
        String visibleText,
        int linksFound,
        int linksRewritten,
        int linksSkipped,
        int visibleTextsReplaced,
        int visibleTextsKept,
        List<RewrittenLink> links) {

    /** The report of a rewrite that ran: the link counts follow from the links. */
    public static RewriteReport rewritten(String jobId, String visibleText, List<RewrittenLink> links, int visibleTextsReplaced,
            int visibleTextsKept) {
        int rewritten = (int) links.stream().filter(link -> link.action().equals("rewritten")).count();
        return new RewriteReport(jobId, "rewritten", null, visibleText, links.size(), rewritten, links.size() - rewritten,
                visibleTextsReplaced, visibleTextsKept, links);
    }
}
