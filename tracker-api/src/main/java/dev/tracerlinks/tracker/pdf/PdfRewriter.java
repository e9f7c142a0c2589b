package dev.tracerlinks.tracker.pdf;

import dev.tracerlinks.model.RewriteReport;
import dev.tracerlinks.model.RewrittenLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSUpdateInfo;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdfwriter.ContentStreamWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;

/**
 * Points every http(s) link annotation of a PDF at a tracer link and replaces printed URLs with
 * the tracer URL. The document is saved as an incremental update: the original bytes stay as they
 * are and only the changed objects are appended, so fonts, metadata, outlines, internal links and
 * encryption (owner-password PDFs keep their passwords) are untouched by construction.
 */
public final class PdfRewriter {
    /** Bounds that keep one hostile document from taking the service down. */
    public record Limits(int maxBytes, int maxPages, long maxPageContentBytes, long maxMemoryBytes, Duration timeBudget,
                         int concurrentRewrites, int maxLinks) {
        /** A long resume has a few dozen links; 500 leaves room for link-heavy portfolios and refuses link farms. */
        public static Limits defaults() {
            return new Limits(20 << 20, 100, 32L << 20, 256L << 20, Duration.ofSeconds(30), 2, 500);
        }
    }

    /**
     * Issues (or reuses) the tracer link for a destination; throws IllegalArgumentException with a
     * sentence when that destination cannot have one (the link is skipped). Anything else it throws
     * (a database that stays busy) ends the rewrite and reaches the caller as it was thrown.
     */
    public interface LinkIssuer {
        IssuedLink issue(String sourcePath, String destinationUrl, String description);
    }

    /** Carries an issuer's own failure through the handlers that turn PDFBox's failures into 422s. */
    private static final class IssuerFailure extends RuntimeException {
        IssuerFailure(RuntimeException cause) {
            super(cause);
        }
    }

    /** The tracer link a destination now points at. */
    public record IssuedLink(String trackingId, String redirectUrl, String printedUrl) {
        /** A link printed as its redirect URL (without the scheme where the page showed none). */
        public IssuedLink(String trackingId, String redirectUrl) {
            this(trackingId, redirectUrl, null);
        }

        /** The text to print in place of a printed URL: the operator's printed form, else the redirect URL as the page showed URLs. */
        String printed(boolean showsScheme) {
            if (printedUrl != null) {
                return printedUrl;
            }
            return showsScheme ? redirectUrl : redirectUrl.replaceFirst("^https?://", "");
        }
    }

    /** What to do with URLs printed on the page ({@code visible_text}): within the legibility floor, always, or never. */
    public enum VisibleText {
        AUTO, REPLACE, KEEP;

        public static VisibleText parse(String value) {
            for (VisibleText mode : values()) {
                if (mode.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return mode;
                }
            }
            return null;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The rewritten document and what was done to it. */
    public record Result(byte[] pdf, RewriteReport report) {
    }

    /** One http(s) link annotation, with where it sits. */
    private record WebLink(int page, PDAnnotationLink annotation, PDActionURI action, String uri, List<PDRectangle> areas) {
    }

    private final Limits limits;
    private final Semaphore slots;
    private final ReplacementText replacementText = new ReplacementText();

    public PdfRewriter(Limits limits) {
        this.limits = limits;
        this.slots = new Semaphore(limits.concurrentRewrites(), true);
    }

    public Limits limits() {
        return limits;
    }

    /** Refuses what is plainly not a PDF, cheaply, before anything else happens to it. */
    public void checkLooksLikePdf(byte[] input) {
        if (input.length > limits.maxBytes()) {
            throw new PdfRejectedException(413, "The PDF is " + input.length + " bytes; the limit is " + limits.maxBytes() + " bytes.");
        }
        if (input.length == 0) {
            throw new PdfRejectedException(400, "The request body is empty; send the PDF as the body with Content-Type: application/pdf.");
        }
        if (indexOf(input, "%PDF-", 0, Math.min(input.length, 1024)) < 0) {
            throw new PdfRejectedException(415, "The request body is not a PDF (no %PDF- header in its first 1024 bytes).");
        }
        // Producers and mail systems sometimes append bytes after %%EOF; a cut-off file has none near its end.
        if (indexOf(input, "%%EOF", Math.max(0, input.length - (1 << 20)), input.length) < 0) {
            throw new PdfRejectedException(422, "The PDF is truncated: it does not end with %%EOF. Upload the complete file.");
        }
    }

    /**
     * The source path of a PDF link is {@code pdf:} plus its URL: regenerating the same resume, even
     * re-flowed or from another builder, gives the same paths and so reuses the same tokens, and the
     * same URL printed twice shares one tracer link.
     */
    public static String sourcePath(String uri) {
        String path = "pdf:" + uri;
        if (path.length() <= 500) {
            return path;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
            return "pdf:sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Result rewrite(String jobId, byte[] input, LinkIssuer issuer) {
        return rewrite(jobId, input, issuer, VisibleText.AUTO, () -> false);
    }

    /**
     * Rewrites the PDF; {@code clientGone} is asked between steps, and once it says true the work
     * stops (there is nobody left to answer). The output is read back strictly before it is
     * returned: a document that PDFBox could only open by repairing it (say, a cut-off file with a
     * forged {@code startxref}) would come out as an update on top of damage that other readers do
     * not repair, so it is refused with a 422 instead.
     */
    public Result rewrite(String jobId, byte[] input, LinkIssuer issuer, VisibleText visibleText, BooleanSupplier clientGone) {
        checkLooksLikePdf(input);
        acquireSlot();
        try (PDDocument document = load(input)) {
            Result result = rewrite(jobId, document, issuer, visibleText, new Deadline(limits.timeBudget(), clientGone, "PDF"));
            checkOpensCleanly(result.pdf(), document.getNumberOfPages());
            return result;
        } catch (IssuerFailure e) {
            throw (RuntimeException) e.getCause();
        } catch (InvalidPasswordException e) {
            throw new PdfRejectedException(422, "The PDF needs a password to open; upload it without the open password.");
        } catch (IOException e) {
            throw new PdfRejectedException(422, "The PDF could not be read or rewritten: it is damaged or uses features this service does not support.");
        } catch (StackOverflowError e) {
            throw new PdfRejectedException(422, "The PDF is nested too deeply to be processed.");
        } catch (PdfRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            // PDFBox reports some broken structures (a page tree that loops, a bad object) unchecked.
            throw new PdfRejectedException(422, "The PDF could not be read or rewritten: its structure is broken ("
                    + e.getClass().getSimpleName() + ").");
        } finally {
            slots.release();
        }
    }

    /** A strict (non-repairing) parse of the output, with every page reachable. */
    private static void checkOpensCleanly(byte[] output, int pages) {
        try (PDDocument reread = new PDFParser(new RandomAccessReadBuffer(output), "").parse(false)) {
            if (reread.getNumberOfPages() == pages) {
                reread.getPages().forEach(page -> { });
                return;
            }
        } catch (IOException | RuntimeException e) {
            // answered below
        }
        throw new PdfRejectedException(422, "The PDF is damaged (its cross-reference table does not match its contents): readers"
                + " would have to repair it, and a rewritten copy would not open in all of them. Export it again from the program that"
                + " made it and upload that.");
    }

    private void acquireSlot() {
        try {
            if (!slots.tryAcquire(limits.timeBudget().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PdfRejectedException(503, "Too many PDFs are being rewritten right now; try again in a minute.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PdfRejectedException(503, "The server is shutting down; try again.");
        }
    }

    private PDDocument load(byte[] input) throws IOException {
        return Loader.loadPDF(input, "", null, null, MemoryUsageSetting.setupMainMemoryOnly(limits.maxMemoryBytes()).streamCache);
    }

    private Result rewrite(String jobId, PDDocument document, LinkIssuer issuer, VisibleText visibleText, Deadline deadline) throws IOException {
        int pageCount = document.getNumberOfPages();
        if (pageCount > limits.maxPages()) {
            throw new PdfRejectedException(422, "The PDF has " + pageCount + " pages; the limit is " + limits.maxPages() + ".");
        }
        List<RewrittenLink> skipped = new ArrayList<>();
        List<WebLink> webLinks = new ArrayList<>();
        int pageNumber = 0;
        for (PDPage page : document.getPages()) {
            pageNumber++;
            for (PDAnnotation annotation : page.getAnnotations()) {
                deadline.check();
                if (annotation instanceof PDAnnotationLink link) {
                    classify(pageNumber, link, webLinks, skipped);
                }
            }
            if (webLinks.size() > limits.maxLinks()) {
                // Checked before a single link is issued: a link farm costs a parse, never a database write.
                throw new PdfRejectedException(422, "The PDF has over " + limits.maxLinks() + " web links (found by page " + pageNumber
                        + "); a resume has far fewer, so it is not rewritten.");
            }
        }

        Map<String, IssuedLink> issued = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (WebLink link : webLinks) {
            if (!issued.containsKey(link.uri()) && !refused.containsKey(link.uri())) {
                deadline.check();
                try {
                    issued.put(link.uri(), issuer.issue(sourcePath(link.uri()), link.uri(), null));
                } catch (IllegalArgumentException e) {
                    refused.put(link.uri(), e.getMessage());
                } catch (RuntimeException e) {
                    throw new IssuerFailure(e);
                }
            }
        }

        Map<WebLink, PrintedText> visible = new LinkedHashMap<>();
        int replaced = 0;
        int kept = 0;
        pageNumber = 0;
        MatchingFonts fonts = new MatchingFonts(document);
        for (PDPage page : document.getPages()) {
            pageNumber++;
            int number = pageNumber;
            List<WebLink> onPage = webLinks.stream().filter(link -> link.page() == number && issued.containsKey(link.uri())).toList();
            if (!onPage.isEmpty()) {
                PageOutcome outcome = rewritePage(document, page, onPage, issued, visibleText, fonts, deadline);
                visible.putAll(outcome.visible());
                replaced += outcome.replaced();
                kept += outcome.kept();
            }
        }

        List<RewrittenLink> report = new ArrayList<>();
        for (WebLink link : webLinks) {
            PrintedText text = visible.getOrDefault(link, PrintedText.NONE);
            IssuedLink tracer = issued.get(link.uri());
            if (tracer == null) {
                report.add(new RewrittenLink("page " + link.page(), link.uri(), "skipped", refused.get(link.uri()), null, null, text.text(), false));
                continue;
            }
            link.action().setURI(tracer.redirectUrl());
            markChanged(link.annotation().getCOSObject(), link.action().getCOSObject());
            report.add(new RewrittenLink("page " + link.page(), link.uri(), "rewritten", text.note(), tracer.trackingId(), tracer.redirectUrl(),
                    text.text(), text.rewritten()));
        }
        report.addAll(skipped);
        report.sort(Comparator.comparingInt(link -> Integer.parseInt(link.location().substring("page ".length()))));
        for (WebLink link : webLinks) {
            PDPage page = document.getPage(link.page() - 1);
            markChanged(page.getCOSObject(), page.getCOSObject().getDictionaryObject(COSName.ANNOTS));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 << 10);
        document.saveIncremental(out);
        return new Result(out.toByteArray(), RewriteReport.rewritten(jobId, visibleText.wireName(), report, replaced, kept));
    }

    private static void classify(int page, PDAnnotationLink link, List<WebLink> webLinks, List<RewrittenLink> skipped) throws IOException {
        PDAction action = link.getAction();
        if (action instanceof PDActionURI uriAction && uriAction.getURI() != null) {
            String uri = uriAction.getURI().strip();
            String lower = uri.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                webLinks.add(new WebLink(page, link, uriAction, uri, areas(link)));
            } else {
                skipped.add(new RewrittenLink("page " + page, uri, "skipped",
                        lower.startsWith("mailto:") ? "e-mail link, left as it is" : "not an http(s) link, left as it is",
                        null, null, null, false));
            }
        } else if (action != null && "GoTo".equals(action.getSubType()) || hasDestination(link)) {
            skipped.add(new RewrittenLink("page " + page, "internal destination", "skipped", "internal link, left as it is", null, null, null, false));
        } else {
            skipped.add(new RewrittenLink("page " + page, action == null ? "no action" : action.getSubType(), "skipped",
                    "not a web link, left as it is", null, null, null, false));
        }
    }

    private static boolean hasDestination(PDAnnotationLink link) {
        try {
            return link.getDestination() != null;
        } catch (IOException e) {
            // An unreadable destination is still an internal link; it is left as it is.
            return true;
        }
    }

    /** The areas a link covers: its QuadPoints when it has them (a link wrapped over lines), else its rectangle. */
    private static List<PDRectangle> areas(PDAnnotationLink link) {
        float[] quads = link.getQuadPoints();
        List<PDRectangle> areas = new ArrayList<>();
        if (quads != null && quads.length >= 8) {
            for (int i = 0; i + 8 <= quads.length; i += 8) {
                float minX = Float.MAX_VALUE, minY = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, maxY = -Float.MAX_VALUE;
                for (int k = 0; k < 8; k += 2) {
                    minX = Math.min(minX, quads[i + k]);
                    maxX = Math.max(maxX, quads[i + k]);
                    minY = Math.min(minY, quads[i + k + 1]);
                    maxY = Math.max(maxY, quads[i + k + 1]);
                }
                areas.add(new PDRectangle(minX, minY, maxX - minX, maxY - minY));
            }
        } else if (link.getRectangle() != null) {
            areas.add(link.getRectangle());
        }
        return areas;
    }

    /** What is printed over one link, and whether it was replaced. */
    private record PrintedText(String text, boolean rewritten, String note) {
        static final PrintedText NONE = new PrintedText(null, false, null);
    }

    private record PageOutcome(Map<WebLink, PrintedText> visible, int replaced, int kept) {
    }

    private PageOutcome rewritePage(PDDocument document, PDPage page, List<WebLink> links, Map<String, IssuedLink> issued,
            VisibleText visibleText, MatchingFonts fonts, Deadline deadline) throws IOException {
        checkContentSize(page);
        List<PDRectangle> allAreas = links.stream().flatMap(link -> link.areas().stream()).toList();
        // Glyphs on and around the lines of the links: those under a link are searched; the rest are what a replacement
        // must not cover, and the column it sits in.
        PageGlyphs.Content drawn = PageGlyphs.of(page, deadline, (x, y) -> nearLinkLines(allAreas, y));
        List<Glyph> glyphs = drawn.glyphs();
        Set<Rule> underlinesTaken = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Rule> underlines = new ArrayList<>();
        Set<Glyph> used = Collections.newSetFromMap(new IdentityHashMap<>());
        ContentEdits edits = new ContentEdits();
        List<ReplacementText.Piece> replacements = new ArrayList<>();
        Map<WebLink, PrintedText> visible = new LinkedHashMap<>();
        for (WebLink link : links) {
            String under = glyphs.stream().filter(glyph -> covers(link.areas(), glyph)).map(Glyph::text).collect(Collectors.joining()).strip();
            visible.put(link, new PrintedText(under.isEmpty() ? null : shorten(under), false, null));
        }
        float pageRight = page.getCropBox().getUpperRightX();
        int replaced = 0;
        int kept = 0;
        Map<String, List<WebLink>> byUri = links.stream().collect(Collectors.groupingBy(WebLink::uri, LinkedHashMap::new, Collectors.toList()));
        for (var entry : byUri.entrySet()) {
            List<PDRectangle> areas = entry.getValue().stream().flatMap(link -> link.areas().stream()).toList();
            List<Glyph> covered = glyphs.stream().filter(glyph -> covers(areas, glyph)).toList();
            for (UrlText.Occurrence occurrence : UrlText.find(covered, entry.getKey())) {
                if (occurrence.glyphs().stream().anyMatch(used::contains)) {
                    // Another spelling of this URL (https://x and https://x/) already took this text.
                    continue;
                }
                String note = null;
                if (visibleText == VisibleText.KEEP) {
                    note = "visible_text: kept, as asked (visible_text=keep)";
                } else if (occurrence.glyphs().stream().anyMatch(glyph -> !glyph.inPageContent())) {
                    note = "visible_text: kept, the printed URL is drawn by a form XObject";
                } else if (occurrence.glyphs().stream().anyMatch(glyph -> glyph.font().isVertical())) {
                    note = "visible_text: kept, the printed URL is set in vertical writing";
                }
                ReplacementText.Layout layout = null;
                if (note == null) {
                    String printed = issued.get(entry.getKey()).printed(occurrence.showsScheme());
                    ReplacementText.Squeeze squeeze = visibleText == VisibleText.REPLACE
                            ? ReplacementText.Squeeze.AS_FAR_AS_POSSIBLE : ReplacementText.Squeeze.LEGIBLE;
                    layout = replacementText.layout(occurrence.glyphs(), printed, glyphs, pageRight, fonts, squeeze);
                    if (!layout.fits()) {
                        note = squeeze == ReplacementText.Squeeze.LEGIBLE
                                ? "visible_text: kept, would not fit legibly (it would need " + Math.round(layout.neededSize() * 100)
                                        + " % of the original size; the floor is 85 %)"
                                : "visible_text: kept, the tracer URL does not fit without covering the text after it";
                    }
                }
                if (note == null) {
                    occurrence.glyphs().forEach(edits::cut);
                    used.addAll(occurrence.glyphs());
                    replacements.addAll(layout.pieces());
                    underlines.addAll(redrawnUnderlines(occurrence.glyphs(), layout.pieces(), drawn.rules(), underlinesTaken, edits));
                    replaced++;
                } else {
                    kept++;
                }
                for (WebLink link : entry.getValue()) {
                    if (occurrence.glyphs().stream().anyMatch(glyph -> covers(link.areas(), glyph))) {
                        PrintedText before = visible.get(link);
                        visible.put(link, new PrintedText(before.text(), note == null || before.rewritten(), note == null ? before.note() : note));
                    }
                }
            }
        }
        if (!edits.isEmpty()) {
            List<Object> tokens = edits.apply(new PDFStreamParser(page).parse());
            PDStream content = new PDStream(document);
            try (OutputStream out = content.createOutputStream(COSName.FLATE_DECODE)) {
                new ContentStreamWriter(out).writeTokens(tokens);
            }
            page.setContents(content);
            replacementText.draw(document, page, replacements, underlines);
            markChanged(page.getCOSObject(), page.getResources().getCOSObject(),
                    page.getResources().getCOSObject().getDictionaryObject(COSName.FONT));
        }
        return new PageOutcome(visible, replaced, kept);
    }

    /**
     * The underlines of a replaced printed URL: each rule just under one of its lines, no wider than
     * that line's text, is discarded, and drawn again under the new text of that line (the same
     * height, thickness and colour); a line that holds no new text keeps no underline.
     */
    private static List<Rule> redrawnUnderlines(List<Glyph> printed, List<ReplacementText.Piece> pieces, List<Rule> rules,
            Set<Rule> taken, ContentEdits edits) throws IOException {
        List<Rule> redrawn = new ArrayList<>();
        List<List<Glyph>> lines = ReplacementText.lines(printed);
        for (int i = 0; i < lines.size(); i++) {
            List<Glyph> line = lines.get(i);
            Glyph first = line.get(0);
            Glyph last = line.get(line.size() - 1);
            float size = first.size();
            float start = first.x();
            float end = last.x() + last.width();
            for (Rule rule : rules) {
                boolean under = rule.y() <= first.y() + size * 0.05f && rule.y() >= first.y() - size * 0.4f;
                boolean alongside = rule.x0() >= start - size * 0.6f && rule.x1() <= end + size * 0.6f
                        && rule.x1() - rule.x0() >= (end - start) * 0.3f;
                if (!under || !alongside || !taken.add(rule)) {
                    continue;
                }
                edits.discard(rule);
                if (i < pieces.size()) {
                    float x0 = pieces.get(i).matrix().getTranslateX();
                    redrawn.add(new Rule(-1, x0, x0 + ReplacementText.drawnWidth(pieces.get(i)), rule.y(), rule.thickness(), rule.rgb()));
                }
            }
        }
        return redrawn;
    }

    private void checkContentSize(PDPage page) throws IOException {
        long limit = limits.maxPageContentBytes();
        try (InputStream in = page.getContents()) {
            if (in.skip(limit) >= limit && in.read() >= 0) {
                throw new PdfRejectedException(422, "A page's drawing instructions are over " + (limit >> 20)
                        + " MiB; that is not a resume this service can rewrite.");
            }
        }
    }

    /** Within sixteen link heights above or below a link: the lines around it show the column it is printed in. */
    private static boolean nearLinkLines(List<PDRectangle> areas, float y) {
        for (PDRectangle area : areas) {
            float band = Math.max(48, area.getHeight() * 16);
            if (y >= area.getLowerLeftY() - band && y <= area.getUpperRightY() + band) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(List<PDRectangle> areas, Glyph glyph) {
        return covers(areas, glyph.centreX(), glyph.centreY());
    }

    private static boolean covers(List<PDRectangle> areas, float x, float y) {
        for (PDRectangle area : areas) {
            if (x >= area.getLowerLeftX() - 0.5f && x <= area.getUpperRightX() + 0.5f
                    && y >= area.getLowerLeftY() - 0.5f && y <= area.getUpperRightY() + 0.5f) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** An incremental save writes only objects flagged as changed; direct objects need their holder flagged too. */
    private static void markChanged(COSBase... objects) {
        for (COSBase object : objects) {
            if (object instanceof COSUpdateInfo info) {
                info.setNeedToBeUpdated(true);
            }
            if (object instanceof COSArray array) {
                array.forEach(PdfRewriter::markChanged);
            }
        }
    }

    private static int indexOf(byte[] haystack, String needle, int from, int to) {
        byte[] bytes = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i + bytes.length <= to; i++) {
            for (int k = 0; k < bytes.length; k++) {
                if (haystack[i + k] != bytes[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
