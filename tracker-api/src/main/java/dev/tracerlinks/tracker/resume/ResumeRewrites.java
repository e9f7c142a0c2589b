package dev.tracerlinks.tracker.resume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracerlinks.model.IssueLinkRequest;
import dev.tracerlinks.model.Job;
import dev.tracerlinks.model.LinkData;
import dev.tracerlinks.model.RewriteReport;
import dev.tracerlinks.model.RewrittenLink;
import dev.tracerlinks.tracker.http.ApiException;
import dev.tracerlinks.tracker.jobs.Jobs;
import dev.tracerlinks.tracker.links.Links;
import dev.tracerlinks.tracker.pdf.PdfRewriter;
import java.util.List;

/** Turns a job seeker's resume (PDF or JSON) into its traced version, when the job's tracer links are on. */
public final class ResumeRewrites {
    private final Jobs jobs;
    private final Links links;
    private final PdfRewriter pdfRewriter;
    private final JsonResumeRewriter jsonRewriter = new JsonResumeRewriter();

    public ResumeRewrites(Jobs jobs, Links links, PdfRewriter pdfRewriter) {
        this.jobs = jobs;
        this.links = links;
        this.pdfRewriter = pdfRewriter;
    }

    /** The document to send back (the input itself when nothing was rewritten) and the report. */
    public record Outcome<T>(T document, RewriteReport report) {
    }

    public int maxPdfBytes() {
        return pdfRewriter.limits().maxBytes();
    }

    public Outcome<byte[]> rewritePdf(String jobId, byte[] pdf) {
        Job job = jobs.get(jobId);
        if (!job.tracerLinksEnabled()) {
            // Not rewritten, but plainly broken input still gets its 4xx; rewrite() checks the same itself.
            pdfRewriter.checkLooksLikePdf(pdf);
            return new Outcome<>(pdf, unchanged(jobId));
        }
        PdfRewriter.Result result = pdfRewriter.rewrite(jobId, pdf, issuer(jobId, "pdf_link"));
        return new Outcome<>(result.pdf(), result.report());
    }

    public Outcome<JsonNode> rewriteJsonResume(String jobId, JsonNode resume) {
        Job job = jobs.get(jobId);
        if (!resume.isObject()) {
            throw ApiException.badRequest("A JSON Resume is a JSON object (with basics, work, projects...); got " + resume.getNodeType() + ".");
        }
        if (!job.tracerLinksEnabled()) {
            return new Outcome<>(resume, unchanged(jobId));
        }
        JsonResumeRewriter.Result result = jsonRewriter.rewrite(resume, issuer(jobId, "json_resume_link"));
        int labels = (int) result.links().stream().filter(RewrittenLink::visibleTextRewritten).count();
        return new Outcome<>(result.document(), RewriteReport.rewritten(jobId, result.links(), labels, 0));
    }

    private PdfRewriter.LinkIssuer issuer(String jobId, String linkType) {
        return (sourcePath, destination, description) -> {
            try {
                LinkData link = links.issue(IssueLinkRequest.plain(jobId, sourcePath, destination, null, linkType, description, null)).link();
                return new PdfRewriter.IssuedLink(link.trackingId(), link.redirectUrl());
            } catch (ApiException e) {
                if (e.status() == 400) {
                    // The destination itself is unusable (bad host, too long...): skip this link, keep the rest.
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
                throw e;
            }
        };
    }

    private static RewriteReport unchanged(String jobId) {
        return new RewriteReport(jobId, "unchanged", "Tracer links are off for job " + jobId + ", so the document is returned as it came; "
                + "switch them on with PATCH /api/jobs/" + jobId + " {\"tracer_links_enabled\": true}.", 0, 0, 0, 0, 0, List.of());
    }
}
