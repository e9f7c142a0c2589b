package dev.tracerlinks.tracker.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * reached; text longer than the original is narrowed, down to 70 %.
 */
final class ReplacementText {
    private static final float NARROWEST = 0.7f;

    /** The glyphs of one printed URL (in drawing order) and the text to print instead. */
    record Replacement(List<Glyph> glyphs, String text) {
    }

    private final PDFont fallback = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    /** Appends the replacements to the page's content, after everything it already draws. */
    void draw(PDDocument document, PDPage page, List<Replacement> replacements) throws IOException {
        try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
            for (Replacement replacement : replacements) {
                draw(content, replacement);
            }
        }
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

    private void draw(PDPageContentStream content, Replacement replacement) throws IOException {
        List<List<Glyph>> lines = lines(replacement.glyphs());
        PDFont pageFont = lines.get(0).get(0).font();
        PDFont font = canPrint(pageFont, replacement.text()) ? pageFont : fallback;
        String rest = replacement.text();
        for (int i = 0; i < lines.size() && !rest.isEmpty(); i++) {
            List<Glyph> line = lines.get(i);
            String piece = i == lines.size() - 1 ? rest : rest.substring(0, fitting(font, rest, line));
            drawLine(content, font, line, piece);
            rest = rest.substring(piece.length());
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

    private static void drawLine(PDPageContentStream content, PDFont font, List<Glyph> line, String text) throws IOException {
        Glyph first = line.get(0);
        float originalWidth = width(line);
        float newWidth = font.getStringWidth(text) / 1000 * first.trm().getScalingFactorX();
        float squeeze = newWidth > originalWidth && newWidth > 0 ? Math.max(originalWidth / newWidth, NARROWEST) : 1;
        Matrix matrix = new Matrix(squeeze, 0, 0, 1, 0, 0).multiply(first.trm());
        content.beginText();
        content.setFont(font, 1);
        content.setTextMatrix(matrix);
        float[] rgb = first.rgb();
        content.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
        content.setRenderingMode(first.renderingMode() == RenderingMode.NEITHER.intValue() ? RenderingMode.NEITHER : RenderingMode.FILL);
        content.showText(text);
        content.endText();
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
