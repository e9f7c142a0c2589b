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
import org.apache.pdfbox.pdmodel.font.PDType3Font;
import org.apache.pdfbox.pdmodel.font.PDVectorFont;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * Draws a tracer URL where the page printed the original one: same baseline, size, colour and
 * rendering mode, in the page's own font when that (usually subset) font has every glyph the new
 * text needs and maps each back to the right character; otherwise in a font of the same kind
 * ({@link MatchingFonts}: serif, sans or monospace, bold and italic as the original), so the line
 * keeps its look and its text extracts correctly. A wrapped URL is redrawn from its first line on,
 * filling each line only as far as the old text reached.
 *
 * <p>How much the new text may be squeezed to fit the room its line has (up to the next text on
 * it, or the page's margin) is the {@link Squeeze}: within the legibility floor by default (at
 * least 85 % of the original size and 90 % of its width per character); past it, the printed URL
 * is kept as it was, since a half-size smudge hurts a resume more than an untracked printed URL.
 */
final class ReplacementText {
    /** How far a replacement may be narrowed and made smaller. */
    enum Squeeze {
        /** The legibility floor: 90 % horizontal scale, 85 % of the size. */
        LEGIBLE(0.9f, 0.85f),
        /** What the user asked for with {@code visible_text=replace}: down to 70 % width and half the size. */
        AS_FAR_AS_POSSIBLE(0.7f, 0.5f);

        final float narrowest;
        final float smallest;

        Squeeze(float narrowest, float smallest) {
            this.narrowest = narrowest;
            this.smallest = smallest;
        }
    }

    /** One line of a replacement: where and how to print its piece of the new text; {@code size} is relative to the original's. */
    record Piece(PDFont font, Matrix matrix, String text, float[] rgb, int renderingMode, float size, float horizontalScale) {
    }

    /** A layout, or the smallest size and scale it would have needed (to say why it was not drawn). */
    record Layout(List<Piece> pieces, float neededSize, float neededScale) {
        boolean fits() {
            return pieces != null;
        }
    }

    /** Appends the laid-out replacements, and the underlines drawn again under them, after everything the page draws. */
    void draw(PDDocument document, PDPage page, List<Piece> pieces, List<Rule> underlines) throws IOException {
        try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
            for (Rule rule : underlines) {
                content.setNonStrokingColor(rule.rgb()[0], rule.rgb()[1], rule.rgb()[2]);
                content.addRect(rule.x0(), rule.y() - rule.thickness() / 2, rule.x1() - rule.x0(), rule.thickness());
                content.fill();
            }
            for (Piece piece : pieces) {
                content.beginText();
                content.setFont(piece.font(), 1);
                content.setTextMatrix(piece.matrix());
                content.setNonStrokingColor(piece.rgb()[0], piece.rgb()[1], piece.rgb()[2]);
                content.setStrokingColor(piece.rgb()[0], piece.rgb()[1], piece.rgb()[2]);
                content.setRenderingMode(RenderingMode.fromInt(piece.renderingMode()));
                content.showText(piece.text());
                content.endText();
            }
        }
    }

    /**
     * Where {@code text} goes in place of the printed URL {@code glyphs} ({@code pageGlyphs}: what
     * the page prints on the lines of its links; {@code pageRight}: the x of the page's right edge),
     * or, when it cannot be printed there within {@code squeeze} without covering other text, the
     * size and scale it would have needed.
     */
    Layout layout(List<Glyph> glyphs, String text, List<Glyph> pageGlyphs, float pageRight, MatchingFonts fonts, Squeeze squeeze)
            throws IOException {
        List<List<Glyph>> lines = lines(glyphs);
        PDFont pageFont = lines.get(0).get(0).font();
        PDFont font = canPrint(pageFont, text) ? pageFont : fonts.like(pageFont);
        Set<Glyph> own = Collections.newSetFromMap(new IdentityHashMap<>());
        own.addAll(glyphs);
        List<Piece> pieces = new ArrayList<>();
        String rest = text;
        for (int i = 0; i < lines.size() && !rest.isEmpty(); i++) {
            List<Glyph> line = lines.get(i);
            String piece = i == lines.size() - 1 ? rest : rest.substring(0, fitting(font, rest, line));
            float room = room(line, pageGlyphs, own, pageRight);
            Optional<Piece> placed = place(font, line, piece, room, squeeze);
            if (placed.isEmpty()) {
                float needed = room / Math.max(1e-3f, newWidth(font, line, piece));
                return new Layout(null, Math.min(1, needed / squeeze.narrowest), Math.min(1, needed));
            }
            pieces.add(placed.get());
            rest = rest.substring(piece.length());
        }
        return new Layout(pieces, 1, 1);
    }

    /**
     * Width available from the line's start: up to the next text on its line (anything printed
     * within most of a line's height of its baseline), and no further right than the column it sits
     * in reaches (the widest of the runs of text that start where it starts, a few lines up and
     * down), so a longer URL in a sidebar never runs into the gutter or the next column, nor off the
     * page. The old text's own width is always available, whatever follows it closely.
     */
    private static float room(List<Glyph> line, List<Glyph> pageGlyphs, Set<Glyph> own, float pageRight) {
        Glyph first = line.get(0);
        Glyph last = line.get(line.size() - 1);
        float size = first.size();
        float end = last.x() + last.width() - size * 0.05f;
        float next = pageRight - Math.max(18, Math.min(72, first.x()));
        for (Glyph glyph : pageGlyphs) {
            if (!own.contains(glyph) && !glyph.isWhitespace() && glyph.x() >= end && Math.abs(glyph.y() - first.y()) < size * 0.8f) {
                next = Math.min(next, glyph.x() - size * 0.25f);
            }
        }
        float column = Math.max(end, columnRight(first, pageGlyphs, own, next));
        return Math.max(width(line), Math.min(next, column) - first.x());
    }

    /**
     * The right end of the text column the URL's line sits in: the widest of the runs of glyphs
     * (split where a gap wider than one and a half times the size opens) on lines up to about
     * twelve lines above or below that start within two sizes of where the URL's run starts, and end
     * before {@code limit}. A line with no such neighbours is not bounded by a column: {@code limit}.
     */
    private static float columnRight(Glyph first, List<Glyph> pageGlyphs, Set<Glyph> own, float limit) {
        float size = first.size();
        float lineStart = runStart(first, pageGlyphs, own);
        List<Glyph> near = new ArrayList<>();
        for (Glyph glyph : pageGlyphs) {
            float dy = Math.abs(glyph.y() - first.y());
            if (!own.contains(glyph) && !glyph.isWhitespace() && dy <= size * 20 && dy >= size * 0.5f) {
                near.add(glyph);
            }
        }
        // Line by line (baselines bucketed by a third of the size), left to right.
        near.sort(java.util.Comparator.<Glyph>comparingInt(glyph -> -Math.round(glyph.y() / (size * 0.3f))).thenComparing(Glyph::x));
        float right = Float.NaN;
        float runStart = Float.NaN;
        float runEnd = Float.NaN;
        float runY = Float.NaN;
        for (int i = 0; i <= near.size(); i++) {
            Glyph glyph = i < near.size() ? near.get(i) : null;
            boolean sameRun = glyph != null && !Float.isNaN(runEnd) && Math.abs(glyph.y() - runY) <= size * 0.3f
                    && glyph.x() - runEnd <= size * 1.5f;
            if (!sameRun) {
                if (!Float.isNaN(runStart) && Math.abs(runStart - lineStart) <= size * 2 && runEnd <= limit) {
                    right = Float.isNaN(right) ? runEnd : Math.max(right, runEnd);
                }
                if (glyph == null) {
                    break;
                }
                runStart = glyph.x();
                runY = glyph.y();
            }
            runEnd = glyph.x() + glyph.width();
        }
        return Float.isNaN(right) ? limit : right;
    }

    /** Where the run of text that holds the URL starts: the URL's first glyph, or the text printed just before it on its line. */
    private static float runStart(Glyph first, List<Glyph> pageGlyphs, Set<Glyph> own) {
        float size = first.size();
        float start = first.x();
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Glyph glyph : pageGlyphs) {
                if (!own.contains(glyph) && Math.abs(glyph.y() - first.y()) <= size * 0.3f && glyph.x() < start
                        && start - (glyph.x() + glyph.width()) <= size * 1.5f) {
                    start = glyph.x();
                    moved = true;
                }
            }
        }
        return start;
    }

    /** True when the page's own font can print {@code text} (else the replacement uses a font of the same kind). */
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
     * Prints the piece at the line's start, at full size where the line has the room, else narrowed
     * (down to the squeeze's narrowest) and then made smaller (down to its smallest); never into the
     * next text on its line.
     */
    private static Optional<Piece> place(PDFont font, List<Glyph> line, String text, float room, Squeeze squeeze) throws IOException {
        Glyph first = line.get(0);
        float newWidth = newWidth(font, line, text);
        float fit = newWidth > room && newWidth > 0 ? room / newWidth : 1;
        float narrow = Math.max(fit, squeeze.narrowest);
        float shrink = Math.max(fit / narrow, squeeze.smallest);
        if (newWidth * narrow * shrink > room * 1.0001f) {
            return Optional.empty();
        }
        Matrix matrix = new Matrix(narrow * shrink, 0, 0, shrink, 0, 0).multiply(first.trm());
        return Optional.of(new Piece(font, matrix, text, first.rgb(), first.renderingMode(), shrink, narrow));
    }

    /** How wide the piece is drawn, in user space: where its underline ends. */
    static float drawnWidth(Piece piece) throws IOException {
        return piece.font().getStringWidth(piece.text()) / 1000 * piece.matrix().getScalingFactorX();
    }

    private static float newWidth(PDFont font, List<Glyph> line, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * line.get(0).trm().getScalingFactorX();
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
