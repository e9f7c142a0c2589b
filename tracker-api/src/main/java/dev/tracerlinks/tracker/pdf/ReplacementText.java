package dev.tracerlinks.tracker.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.PDType3Font;
import org.apache.pdfbox.pdmodel.font.PDVectorFont;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * Draws a tracer URL where the page printed the original one: same baseline, size and colour, in
 * the page's own font when that (usually subset) font has every glyph the new text needs and maps
 * each back to the right character; otherwise in Helvetica, one of the 14 fonts every PDF reader
 * must have, so the page always stays readable and its text extracts correctly. A wrapped URL is
 * redrawn from its first line on, filling each line only as far as the old text
 * reached; text longer than the original is narrowed (down to 70 %), then made smaller (down to
 * half the size), and only past that allowed to run on.
 */
final class ReplacementText {
    private static final float NARROWEST = 0.7f;
    private static final float SMALLEST = 0.5f;

    /** One line of a replacement: where and how to print its piece of the new text. */
    record Piece(PDFont font, Matrix matrix, String text, float[] rgb, boolean invisible) {
    }

    private final PDFont fallback = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    /** Appends the laid-out replacements to the page's content, after everything it already draws. */
    void draw(PDDocument document, PDPage page, List<Piece> pieces) throws IOException {
        try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
            for (Piece piece : pieces) {
                content.beginText();
                content.setFont(piece.font(), 1);
                content.setTextMatrix(piece.matrix());
                content.setNonStrokingColor(piece.rgb()[0], piece.rgb()[1], piece.rgb()[2]);
                content.setRenderingMode(piece.invisible() ? RenderingMode.NEITHER : RenderingMode.FILL);
                content.showText(piece.text());
                content.endText();
            }
        }
    }

    /**
     * Where {@code text} goes in place of the printed URL {@code glyphs}, or empty when it cannot be
     * printed there readably without covering other text on its line ({@code pageGlyphs}: what the
     * page prints on the lines of its links).
     */
    Optional<List<Piece>> layout(List<Glyph> glyphs, String text, List<Glyph> pageGlyphs) throws IOException {
        List<List<Glyph>> lines = lines(glyphs);
        PDFont pageFont = lines.get(0).get(0).font();
        PDFont font = canPrint(pageFont, text) ? pageFont : fallback;
        Set<Glyph> own = Collections.newSetFromMap(new IdentityHashMap<>());
        own.addAll(glyphs);
        List<Piece> pieces = new ArrayList<>();
        String rest = text;
        for (int i = 0; i < lines.size() && !rest.isEmpty(); i++) {
            List<Glyph> line = lines.get(i);
            String piece = i == lines.size() - 1 ? rest : rest.substring(0, fitting(font, rest, line));
            Optional<Piece> placed = place(font, line, piece, room(line, pageGlyphs, own));
            if (placed.isEmpty()) {
                return Optional.empty();
            }
            pieces.add(placed.get());
            rest = rest.substring(piece.length());
        }
        return Optional.of(pieces);
    }

    /** Width available from the line's start to the next glyph printed after it on the same baseline (unlimited if none). */
    private static float room(List<Glyph> line, List<Glyph> pageGlyphs, Set<Glyph> own) {
        Glyph first = line.get(0);
        Glyph last = line.get(line.size() - 1);
        float end = last.x() + last.width() - first.size() * 0.05f;
        float next = Float.MAX_VALUE;
        for (Glyph glyph : pageGlyphs) {
            if (!own.contains(glyph) && !glyph.isWhitespace() && glyph.x() >= end && Math.abs(glyph.y() - first.y()) < first.size() * 0.3f) {
                next = Math.min(next, glyph.x());
            }
        }
        // The old text's own width is always available, whatever follows it closely (a comma, a bracket).
        return next == Float.MAX_VALUE ? Float.MAX_VALUE : Math.max(width(line), next - first.x() - first.size() * 0.25f);
    }

    /** True when the page's own font can print {@code text} (else the replacement uses Helvetica). */
    static boolean canPrint(PDFont font, String text) {
        if (font instanceof PDType3Font || font.isVertical() || !(font instanceof PDVectorFont vectorFont)) {
            return false;
        }
        try {
            for (int i = 0; i < text.length(); i++) {
                String character = String.valueOf(text.charAt(i));
                byte[] bytes = font.encode(character);
                int code = font.readCode(new ByteArrayInputStream(bytes));
                if (!character.equals(font.toUnicode(code)) || !vectorFont.hasGlyph(code) || font.getWidth(code) <= 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            // Subset fonts without a usable cmap say so by throwing; that is a "no".
            return false;
        }
    }

    /**
     * How much of {@code text} fits where the line printed its part of the old URL: all of it if
     * it fits, else up to just after the last {@code / - . ? &} that fits (or as many characters as fit).
     */
    static int fitting(PDFont font, String text, List<Glyph> line) throws IOException {
        float available = width(line);
        float scale = line.get(0).trm().getScalingFactorX() / 1000;
        int fits = 0;
        while (fits < text.length() && font.getStringWidth(text.substring(0, fits + 1)) * scale <= available) {
            fits++;
        }
        if (fits == text.length()) {
            return fits;
        }
        for (int end = fits; end > fits / 2; end--) {
            if ("/-.?&".indexOf(text.charAt(end - 1)) >= 0) {
                return end;
            }
        }
        return fits;
    }

    private static float width(List<Glyph> line) {
        Glyph first = line.get(0);
        Glyph last = line.get(line.size() - 1);
        return (float) Math.hypot(last.x() - first.x(), last.y() - first.y()) + last.width();
    }

    /**
     * Prints the piece at the line's start: as wide as the old text if possible, narrowed (down to
     * 70 %) and then made smaller (down to half the size); past that it may run on, but never into
     * the next text on its line.
     */
    private static Optional<Piece> place(PDFont font, List<Glyph> line, String text, float room) throws IOException {
        Glyph first = line.get(0);
        float newWidth = font.getStringWidth(text) / 1000 * first.trm().getScalingFactorX();
        float fit = newWidth > width(line) && newWidth > 0 ? width(line) / newWidth : 1;
        float narrow = Math.max(fit, NARROWEST);
        float shrink = Math.max(fit / narrow, SMALLEST);
        if (newWidth * narrow * shrink > room) {
            return Optional.empty();
        }
        Matrix matrix = new Matrix(narrow * shrink, 0, 0, shrink, 0, 0).multiply(first.trm());
        return Optional.of(new Piece(font, matrix, text, first.rgb(), first.renderingMode() == RenderingMode.NEITHER.intValue()));
    }

    /** The printed glyphs grouped by line: a new line starts where the baseline moves or the pen goes back. */
    static List<List<Glyph>> lines(List<Glyph> glyphs) {
        List<List<Glyph>> lines = new ArrayList<>();
        List<Glyph> current = new ArrayList<>();
        Glyph previous = null;
        for (Glyph glyph : glyphs) {
            if (glyph.isWhitespace()) {
                continue;
            }
            if (previous != null && (Math.abs(glyph.y() - previous.y()) > previous.size() * 0.5f || glyph.x() < previous.x())) {
                lines.add(current);
                current = new ArrayList<>();
            }
            current.add(glyph);
            previous = glyph;
        }
        lines.add(current);
        return lines;
    }
}
