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
import dev.tracerlinks.tracker.pdf.Deadline;
import dev.tracerlinks.tracker.pdf.PdfRewriter;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Turns a job seeker's resume (PDF or JSON) into its traced version, when the job's tracer links are
 * on. A document's links are planned while it is rewritten and written together afterwards, in one
 * transaction: a document refused halfway (damaged, over a limit, its client gone) leaves no link
 * behind, and the write lock is held for one short transaction, not for the rewrite.
 */
public final class ResumeRewrites {
    /** Plans are redone when a concurrent upload of the same links got there first; the third such race gives up. */
    private static final int ATTEMPTS = 3;

    private final Jobs jobs;
    private final Links links;
    private final PdfRewriter pdfRewriter;
    private final Function<String, String> printedUrl;
    private final JsonResumeRewriter jsonRewriter = new JsonResumeRewriter();

    /** {@code printedUrl}: a token's printed form (TRACER_PRINTED_BASE), or null to print the redirect URL. */
    public ResumeRewrites(Jobs jobs, Links links, PdfRewriter pdfRewriter, Function<String, String> printedUrl) {
        this.jobs = jobs;
        this.links = links;
        this.pdfRewriter = pdfRewriter;
        this.printedUrl = printedUrl;
    }

    /** The document to send back (the input itself when nothing was rewritten) and the report. */
    public record Outcome<T>(T document, RewriteReport report) {
    }

    public int maxPdfBytes() {
        return pdfRewriter.limits().maxBytes();
    }

    /** {@code clientGone}: whether the uploader has left, so the work can stop. */
    public Outcome<byte[]> rewritePdf(String jobId, byte[] pdf, PdfRewriter.VisibleText visibleText, BooleanSupplier clientGone) {
        Job job = jobs.get(jobId);
        if (!job.tracerLinksEnabled()) {
            // Not rewritten, but plainly broken input still gets its 4xx; rewrite() checks the same itself.
            pdfRewriter.checkLooksLikePdf(pdf);
            return new Outcome<>(pdf, unchanged(jobId));
        }
        return withPlannedLinks(planned -> {
            PdfRewriter.Result result = pdfRewriter.rewrite(jobId, pdf, issuer(jobId, "pdf_link", planned), visibleText, clientGone);
            return new Outcome<>(result.pdf(), result.report());
        });
    }

    /** {@code clientGone}: whether the uploader has left; the PDF route's link cap and time budget apply here too. */
    public Outcome<JsonNode> rewriteJsonResume(String jobId, JsonNode resume, PdfRewriter.VisibleText visibleText,
            BooleanSupplier clientGone) {
        Job job = jobs.get(jobId);
        if (!resume.isObject()) {
            throw ApiException.badRequest("A JSON Resume is a JSON object (with basics, work, projects...); got " + resume.getNodeType() + ".");
        }
        if (!job.tracerLinksEnabled()) {
            return new Outcome<>(resume, unchanged(jobId));
        }
        return withPlannedLinks(planned -> {
            JsonResumeRewriter.Result result = jsonRewriter.rewrite(resume, issuer(jobId, "json_resume_link", planned),
                    visibleText != PdfRewriter.VisibleText.KEEP, pdfRewriter.limits().maxLinks(),
                    new Deadline(pdfRewriter.limits().timeBudget(), clientGone, "JSON resume"));
            int labels = (int) result.links().stream().filter(RewrittenLink::visibleTextRewritten).count();
            int kept = (int) result.links().stream().filter(link -> link.visibleText() != null && !link.visibleTextRewritten()).count();
            return new Outcome<>(result.document(), RewriteReport.rewritten(jobId, visibleText.wireName(), result.links(), labels, kept));
        });
    }

    private <T> Outcome<T> withPlannedLinks(Function<Links.DocumentLinks, Outcome<T>> rewrite) {
        for (int attempt = 1; ; attempt++) {
            Links.DocumentLinks planned = links.forDocument();
            Outcome<T> outcome = rewrite.apply(planned);
            try {
                planned.commit();
                return outcome;
            } catch (Links.PlanOutdated e) {
                if (attempt == ATTEMPTS) {
                    throw new ApiException(503, "Other uploads keep issuing the same links at the same moment; try again in a few seconds.");
                }
            }
        }
    }

    private PdfRewriter.LinkIssuer issuer(String jobId, String linkType, Links.DocumentLinks planned) {
        return (sourcePath, destination, description) -> {
            try {
                LinkData link = planned.plan(IssueLinkRequest.plain(jobId, sourcePath, destination, null, linkType, description, null));
                return new PdfRewriter.IssuedLink(link.trackingId(), link.redirectUrl(), printedUrl.apply(link.trackingId()));
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
                + "switch them on with PATCH /api/jobs/" + jobId + " {\"tracer_links_enabled\": true}.", null, 0, 0, 0, 0, 0, List.of());
    }
}
