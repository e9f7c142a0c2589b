package dev.tracerlinks.tracker.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.model.RewriteReport;
import dev.tracerlinks.model.RewrittenLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a recruiter sees: every page of every corpus PDF rendered before and after the rewrite with
 * poppler's {@code pdftoppm}. No pixel may change outside the lines of the rewritten links, and every
 * printed URL that was replaced must be drawn at 85 % or more of the original's text height (word
 * boxes from {@code pdftotext -bbox}). The tracer URLs are as long as a local instance's
 * ({@code 127.0.0.1:41234/cv/...}). Renders of every page are kept in
 * {@code target/pdf-visual/} for a look.
 */
class PdfVisualTest {
    /** The generator corpus (many PDF producers) and the template corpus (resumes made by public templates). */
    static final Path CORPUS = Path.of("../corpus");
    static final List<String> SETS = List.of("pdf", "pdf-templates");
    static final Path OUT = Path.of("target/pdf-visual");
    static final String BASE = "http://127.0.0.1:41234/cv/";
    static final int DPI = 60;

    /** Every PDF of both sets, as {@code set/name.pdf}. */
    static Stream<String> corpus() throws IOException {
        List<String> names = new java.util.ArrayList<>();
        for (String set : SETS) {
            try (Stream<Path> files = Files.list(CORPUS.resolve(set))) {
                files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".pdf")).sorted()
                        .forEach(name -> names.add(set + "/" + name));
            }
        }
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void nothing_changes_outside_the_link_lines_and_replaced_urls_stay_legible(String name) throws Exception {
        byte[] original = Files.readAllBytes(CORPUS.resolve(name));
        Map<String, String> tokens = new HashMap<>();
        PdfRewriter.Result result = new PdfRewriter(PdfRewriter.Limits.defaults()).rewrite("job-1", original, (path, destination, d) -> {
            String token = tokens.computeIfAbsent(destination, key -> "acme-corp-" + (char) ('a' + tokens.size() % 26) + "q");
            return new PdfRewriter.IssuedLink(token, BASE + token);
        });
        Path dir = Files.createDirectories(OUT.resolve(name.replace(".pdf", "")));
        Path before = dir.resolve("before.pdf");
        Path after = dir.resolve("after.pdf");
        Files.write(before, original);
        Files.write(after, result.pdf());

        List<List<float[]>> bands = linkBands(result.pdf());
        List<Gray> rendersBefore = new ArrayList<>();
        List<Gray> rendersAfter = new ArrayList<>();
        for (int page = 1; page <= bands.size(); page++) {
            Gray a = render(before, page, dir.resolve("before"));
            Gray b = render(after, page, dir.resolve("after"));
            rendersBefore.add(a);
            rendersAfter.add(b);
            assertThat(b.width()).isEqualTo(a.width());
            assertThat(b.height()).isEqualTo(a.height());
            int outside = 0;
            for (int y = 0; y < a.height(); y++) {
                if (inBands(bands.get(page - 1), y, a.height())) {
                    continue;
                }
                for (int x = 0; x < a.width(); x++) {
                    if (a.pixel(x, y) != b.pixel(x, y)) {
                        outside++;
                    }
                }
            }
            assertThat(outside).as(name + " page " + page + ": pixels changed outside the lines of rewritten links").isZero();
        }

        // Heights: the words printed inside each rewritten link's rectangle, before and after, where its printed URL was replaced.
        List<Word> wordsBefore = words(before);
        List<Word> wordsAfter = words(after);
        List<RewrittenLink> rewritten = result.report().links().stream().filter(link -> link.action().equals("rewritten")).toList();
        List<float[]> rects = linkRects(result.pdf());
        assertThat(rects).hasSameSizeAs(rewritten);
        int compared = 0;
        int notMeasured = 0;
        float smallest = Float.NaN;
        for (int i = 0; i < rewritten.size(); i++) {
            if (!rewritten.get(i).visibleTextRewritten()) {
                continue;
            }
            float[] rect = rects.get(i);
            // The tracer URL's words after, each against the word it begins in before (the printed URL is redrawn
            // from where it began, after any bracket printed with it): other words in the rectangle (a label in a bigger face beside the
            // URL) would hide a shrunken URL.
            float ratioHere = Float.NaN;
            for (Word now : inside(wordsAfter, rect)) {
                if (!now.text().contains("/cv/") && !now.text().startsWith("acme-corp-")) {
                    continue;
                }
                for (Word was : inside(wordsBefore, rect)) {
                    if (now.xMin() > was.xMin() - 1.5f && now.xMin() < was.xMax() && was.yMin() < now.yMax() && now.yMin() < was.yMax()) {
                        float ratio = now.height() / was.height();
                        ratioHere = Float.isNaN(ratioHere) ? ratio : Math.min(ratioHere, ratio);
                    }
                }
            }
            if (Float.isNaN(ratioHere)) {
                notMeasured++;
            } else {
                float ratio = ratioHere;
                assertThat(ratio).as(name + ": text height where " + rewritten.get(i).visibleText() + " was").isGreaterThanOrEqualTo(0.85f);
                compared++;
                smallest = Float.isNaN(smallest) ? ratio : Math.min(smallest, ratio);
            }
        }
        // pdftotext splits or joins words differently from the page at times; most replaced URLs must still be measured.
        assertThat(notMeasured).as(name + ": replaced printed URLs whose height could not be compared").isLessThanOrEqualTo(compared);
        // Inside each rewritten link's rectangle, ink that belongs to no word (an underline left under nothing, a
        // stray piece of the old text) may not grow: once, LibreOffice's underlines stayed at the old URL's length.
        for (int i = 0; i < rewritten.size(); i++) {
            float[] rect = rects.get(i);
            int page = (int) rect[0];
            int strayBefore = strayInk(rendersBefore.get(page - 1), wordsBefore, rect);
            int strayAfter = strayInk(rendersAfter.get(page - 1), wordsAfter, rect);
            assertThat(strayAfter).as(name + ": ink beside the words inside the link of " + rewritten.get(i).target()
                    + " (before: " + strayBefore + " pixels)").isLessThanOrEqualTo(strayBefore + 4);
        }
        RewriteReport report = result.report();
        Files.writeString(dir.resolve("summary.tsv"), name + "\t" + report.visibleTextsReplaced() + "\t" + report.visibleTextsKept() + "\t"
                + (Float.isNaN(smallest) ? "" : String.format(Locale.ROOT, "%.3f", smallest)) + "\t" + notMeasured + "\n");
    }

    /**
     * Dark pixels inside the rectangle (page, x0, top, x1, bottom in points) that no word's box
     * covers; a box reaches a third of its height lower, where underlines are drawn.
     */
    private static int strayInk(Gray gray, List<Word> words, float[] rect) {
        float scale = DPI / 72f;
        int stray = 0;
        for (int y = (int) Math.floor(rect[2] * scale); y <= Math.ceil(rect[4] * scale) && y < gray.height(); y++) {
            for (int x = (int) Math.floor(rect[1] * scale); x <= Math.ceil(rect[3] * scale) && x < gray.width(); x++) {
                if (x < 0 || y < 0 || gray.pixel(x, y) >= 200) {
                    continue;
                }
                boolean covered = false;
                for (Word word : words) {
                    if (word.page() == (int) rect[0] && x >= word.xMin() * scale - 2 && x <= word.xMax() * scale + 2
                            && y >= word.yMin() * scale - 2 && y <= (word.yMax() + word.height() / 3) * scale + 2) {
                        covered = true;
                        break;
                    }
                }
                if (!covered) {
                    stray++;
                }
            }
        }
        return stray;
    }

    /** The words whose centre lies in the rectangle (page, x0, top, x1, bottom in pdftotext's top-down points). */
    private static List<Word> inside(List<Word> words, float[] rect) {
        List<Word> inside = new ArrayList<>();
        for (Word word : words) {
            float cx = (word.xMin() + word.xMax()) / 2;
            float cy = (word.yMin() + word.yMax()) / 2;
            if (word.page() == (int) rect[0] && cx >= rect[1] && cx <= rect[3] && cy >= rect[2] && cy <= rect[4]) {
                inside.add(word);
            }
        }
        return inside;
    }

    /** Every rewritten link's rectangle, in page and annotation order (the report's order): page, x0, top, x1, bottom. */
    private static List<float[]> linkRects(byte[] pdf) throws IOException {
        List<float[]> rects = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int number = 0;
            for (PDPage page : document.getPages()) {
                number++;
                float top = page.getCropBox().getUpperRightY();
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof org.apache.pdfbox.pdmodel.interactive.action.PDActionURI uri
                            && uri.getURI().startsWith(BASE)) {
                        PDRectangle rect = link.getRectangle();
                        rects.add(new float[] {number, rect.getLowerLeftX(), top - rect.getUpperRightY(), rect.getUpperRightX(),
                            top - rect.getLowerLeftY()});
                    }
                }
            }
        }
        return rects;
    }

    /** Per page, the vertical bands (PDF units, bottom-up) of the rewritten links' rectangles, a quarter of their height added. */
    private static List<List<float[]>> linkBands(byte[] pdf) throws IOException {
        List<List<float[]>> pages = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                List<float[]> bands = new ArrayList<>();
                float top = page.getCropBox().getUpperRightY();
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof org.apache.pdfbox.pdmodel.interactive.action.PDActionURI uri
                            && uri.getURI().startsWith(BASE)) {
                        PDRectangle rect = link.getRectangle();
                        float pad = rect.getHeight() * 0.25f + 1;
                        bands.add(new float[] {top - rect.getUpperRightY() - pad, top - rect.getLowerLeftY() + pad, top - page.getCropBox().getLowerLeftY()});
                    }
                }
                pages.add(bands);
            }
        }
        return pages;
    }

    private static boolean inBands(List<float[]> bands, int row, int height) {
        for (float[] band : bands) {
            float scale = height / band[2];
            if (row >= Math.floor(band[0] * scale) - 1 && row <= Math.ceil(band[1] * scale) + 1) {
                return true;
            }
        }
        return false;
    }

    record Gray(int width, int height, byte[] pixels) {
        int pixel(int x, int y) {
            return pixels[y * width + x] & 0xff;
        }
    }

    /** One page as 8-bit gray, from pdftoppm; the PNG beside it is for people. */
    private static Gray render(Path pdf, int page, Path prefix) throws IOException, InterruptedException {
        run("pdftoppm", "-r", String.valueOf(DPI), "-gray", "-f", String.valueOf(page), "-l", String.valueOf(page), "-singlefile",
                pdf.toString(), prefix + "-" + page);
        run("pdftoppm", "-r", "100", "-png", "-f", String.valueOf(page), "-l", String.valueOf(page), "-singlefile", pdf.toString(),
                prefix + "-" + page);
        byte[] pgm = Files.readAllBytes(Path.of(prefix + "-" + page + ".pgm"));
        // P5, width, height, max value, each after whitespace; the pixels follow one whitespace byte.
        int position = 0;
        int[] fields = new int[3];
        String magic = null;
        for (int field = -1; field < 3; field++) {
            while (Character.isWhitespace(pgm[position])) {
                position++;
            }
            int start = position;
            while (!Character.isWhitespace(pgm[position])) {
                position++;
            }
            String token = new String(pgm, start, position - start, StandardCharsets.US_ASCII);
            if (field < 0) {
                magic = token;
            } else {
                fields[field] = Integer.parseInt(token);
            }
        }
        assertThat(magic).isEqualTo("P5");
        position++;
        byte[] pixels = java.util.Arrays.copyOfRange(pgm, position, position + fields[0] * fields[1]);
        return new Gray(fields[0], fields[1], pixels);
    }

    record Word(int page, float xMin, float xMax, float yMin, float yMax, String text) {
        float height() {
            return yMax - yMin;
        }
    }

    private static final Pattern PAGE = Pattern.compile("<page ");
    private static final Pattern WORD = Pattern.compile("<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)</word>");

    private static List<Word> words(Path pdf) throws IOException, InterruptedException {
        Path html = Path.of(pdf + ".bbox.html");
        run("pdftotext", "-bbox", pdf.toString(), html.toString());
        List<Word> words = new ArrayList<>();
        int page = 0;
        for (String line : Files.readAllLines(html)) {
            if (PAGE.matcher(line).find()) {
                page++;
            }
            Matcher word = WORD.matcher(line);
            if (word.find()) {
                words.add(new Word(page, Float.parseFloat(word.group(1)), Float.parseFloat(word.group(3)), Float.parseFloat(word.group(2)),
                        Float.parseFloat(word.group(4)),
                        word.group(5).replace("&amp;", "&").toLowerCase(Locale.ROOT).replace("&lt;", "<").replace("&gt;", ">")));
            }
        }
        return words;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + new String(output, StandardCharsets.UTF_8)).isZero();
    }
}
