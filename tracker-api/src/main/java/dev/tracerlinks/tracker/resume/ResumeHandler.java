package dev.tracerlinks.tracker.resume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracerlinks.model.RewriteReport;
import dev.tracerlinks.tracker.http.ApiException;
import dev.tracerlinks.tracker.http.ClientConnection;
import dev.tracerlinks.tracker.http.RequestBodies;
import dev.tracerlinks.tracker.pdf.PdfRewriter;
import io.javalin.http.Context;

/**
 * {@code POST /api/jobs/{job_id}/pdf} and {@code POST /api/jobs/{job_id}/resume}. The rewrite
 * report travels in {@code X-Tracer-*} headers; {@code ?format=json} (or {@code Accept:
 * application/json}) on the PDF route answers the full report instead of the PDF.
 */
public final class ResumeHandler {
    /** A JSON resume is a few kilobytes; the limit is the one every JSON body has. */
    private static final int MAX_JSON_RESUME_BYTES = 4 << 20;

    private final ResumeRewrites rewrites;
    private final RequestBodies bodies;

    public ResumeHandler(ResumeRewrites rewrites, RequestBodies bodies) {
        this.rewrites = rewrites;
        this.bodies = bodies;
    }

    public void pdf(Context ctx) {
        boolean reportOnly = wantsReport(ctx);
        byte[] body = bodies.readDocument(ctx, rewrites.maxPdfBytes());
        PdfRewriter.VisibleText visibleText = visibleText(ctx);
        ResumeRewrites.Outcome<byte[]> outcome = ClientConnection.watch(ctx,
                clientGone -> rewrites.rewritePdf(ctx.pathParam("job_id"), body, visibleText, clientGone));
        reportHeaders(ctx, outcome.report());
        if (reportOnly) {
            ctx.json(outcome.report());
        } else {
            ctx.contentType("application/pdf").result(outcome.document());
        }
    }

    public void jsonResume(Context ctx) {
        PdfRewriter.VisibleText visibleText = visibleText(ctx);
        JsonNode resume = bodies.read(bodies.readDocument(ctx, MAX_JSON_RESUME_BYTES), JsonNode.class);
        ResumeRewrites.Outcome<JsonNode> outcome = ClientConnection.watch(ctx,
                clientGone -> rewrites.rewriteJsonResume(ctx.pathParam("job_id"), resume, visibleText, clientGone));
        reportHeaders(ctx, outcome.report());
        ctx.json(outcome.document());
    }

    /** {@code visible_text=auto|replace|keep}: what to do with URLs printed in the document (default auto). */
    private static PdfRewriter.VisibleText visibleText(Context ctx) {
        String value = ctx.queryParam("visible_text");
        if (value == null) {
            return PdfRewriter.VisibleText.AUTO;
        }
        PdfRewriter.VisibleText mode = PdfRewriter.VisibleText.parse(value);
        if (mode == null) {
            throw ApiException.badRequest("visible_text must be auto (replace printed URLs where the tracer URL fits legibly, the default),"
                    + " replace (always, squeezed if need be) or keep (never); got \"" + value + "\".");
        }
        return mode;
    }

    private static boolean wantsReport(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null) {
            if (!format.equals("json") && !format.equals("pdf")) {
                throw ApiException.badRequest("format must be pdf (the rewritten PDF, the default) or json (the rewrite report).");
            }
            return format.equals("json");
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("application/pdf");
    }

    private static void reportHeaders(Context ctx, RewriteReport report) {
        ctx.header("X-Tracer-Links-Status", report.status());
        if (report.reason() != null) {
            ctx.header("X-Tracer-Links-Reason", report.reason());
        }
        ctx.header("X-Tracer-Links-Found", String.valueOf(report.linksFound()));
        ctx.header("X-Tracer-Links-Rewritten", String.valueOf(report.linksRewritten()));
        ctx.header("X-Tracer-Links-Skipped", String.valueOf(report.linksSkipped()));
        ctx.header("X-Tracer-Visible-Text-Replaced", String.valueOf(report.visibleTextsReplaced()));
        ctx.header("X-Tracer-Visible-Text-Kept", String.valueOf(report.visibleTextsKept()));
        if (report.visibleText() != null) {
            ctx.header("X-Tracer-Visible-Text", report.visibleText());
        }
    }
}
