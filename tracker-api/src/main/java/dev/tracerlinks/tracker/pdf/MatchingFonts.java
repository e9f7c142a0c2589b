package dev.tracerlinks.tracker.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Fonts for a tracer URL that the page's own font cannot print: the Liberation face of the same
 * kind as that font (serif, sans or monospace; bold and italic as it is), judged from its font
 * descriptor and its name, and embedded as a subset of the glyphs used. Its descriptor takes the
 * original font's ascent and descent, so that the new text's box (what a reader highlights when it
 * is selected, and what text extraction reports) lines up with the line it is printed on; the glyphs
 * themselves are Liberation's. One instance per document: each face is loaded once per set of
 * metrics and shared by every replacement in it.
 */
final class MatchingFonts {
    /** The families shipped in {@code resources/fonts}, by the kind of font they stand in for. */
    enum Family {
        SERIF("LiberationSerif"), SANS("LiberationSans"), MONO("LiberationMono");

        private final String file;

        Family(String file) {
            this.file = file;
        }
    }

    /** What a replacement should look like: family, weight, slant. */
    record Kind(Family family, boolean bold, boolean italic) {
        String resource() {
            String style = bold && italic ? "BoldItalic" : bold ? "Bold" : italic ? "Italic" : "Regular";
            return "/fonts/" + family.file + "-" + style + ".ttf";
        }
    }

    private final PDDocument document;
    private final Map<String, PDFont> loaded = new java.util.HashMap<>();

    MatchingFonts(PDDocument document) {
        this.document = document;
    }

    /** The face to draw in place of {@code original}, loaded into this document on first use. */
    PDFont like(PDFont original) {
        Kind kind = kindOf(original);
        PDFontDescriptor metrics = original.getFontDescriptor();
        // Without a descriptor (a standard 14 font) the face keeps its own metrics: NaN says so.
        float ascent = metrics == null ? Float.NaN : metrics.getAscent();
        float descent = metrics == null ? Float.NaN : metrics.getDescent();
        return loaded.computeIfAbsent(kind + " " + ascent + " " + descent, key -> load(kind, ascent, descent));
    }

    /**
     * {@code ascent} and {@code descent}: the original's, copied so viewers box the new text as they
     * boxed the old (selection, search highlights, extraction). Both 0, as LibreOffice writes them, is
     * copied too: viewers then fall back to the font's bounding box, as they did for the original.
     */
    private PDFont load(Kind kind, float ascent, float descent) {
        try (InputStream in = MatchingFonts.class.getResourceAsStream(kind.resource())) {
            if (in == null) {
                throw new IllegalStateException(kind.resource() + " is missing from the class path");
            }
            PDType0Font font = PDType0Font.load(document, in, true);
            if (ascent > 0 && descent < 0 || ascent == 0 && descent == 0) {
                font.getFontDescriptor().setAscent(ascent);
                font.getFontDescriptor().setDescent(descent);
            }
            return font;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kind of a font: the descriptor's flags when they say (fixed pitch, serif, italic, force
     * bold, weight), then its name, which producers fill more reliably than the flags ({@code
     * ABCDEF+Roboto-BoldItalic}, {@code CMR10}, {@code LMMono10-Regular}, {@code TimesNewRomanPS-ItalicMT}).
     */
    static Kind kindOf(PDFont font) {
        String name = font.getName() == null ? "" : font.getName().replaceFirst("^[A-Z]{6}\\+", "");
        String lower = name.toLowerCase(Locale.ROOT);
        PDFontDescriptor descriptor = font.getFontDescriptor();
        boolean fixedPitch = descriptor != null && descriptor.isFixedPitch();
        boolean serifFlag = descriptor != null && descriptor.isSerif();
        boolean mono = fixedPitch || containsAny(lower, "mono", "courier", "consol", "menlo", "typewriter", "cmtt", "lmmono", "sfmono",
                "code", "inconsolata", "fira mono", "dejavusansmono");
        boolean sansName = containsAny(lower, "sans", "helvet", "arial", "roboto", "inter", "lato", "open", "calibri", "verdana", "tahoma",
                "segoe", "noto", "source", "fira", "ubuntu", "montserrat", "raleway", "nunito", "poppins", "cmss", "lmsans", "titillium",
                "futura", "avenir", "gill", "frutiger", "myriad", "dejavu", "liberationsans", "cantarell", "work", "karla", "rubik");
        boolean serifName = containsAny(lower, "serif", "times", "roman", "georgia", "garamond", "cambria", "palatino", "baskerville",
                "minion", "caslon", "charter", "bookman", "century", "didot", "bodoni", "merriweather", "playfair", "lora", "crimson",
                "libertin", "cmr", "cmbx", "cmti", "cmsl", "cmcsc", "lmroman", "sfrm", "sfbx", "sfti", "tex gyre termes", "texgyretermes", "pagella", "schoolbook", "utopia", "spectral",
                "pt serif", "ptserif", "cochin", "book antiqua", "constantia");
        Family family = mono ? Family.MONO
                : serifName && !lower.contains("sans") ? Family.SERIF
                : sansName ? Family.SANS
                : serifFlag ? Family.SERIF : Family.SANS;
        boolean bold = containsAny(lower, "bold", "black", "heavy", "semibold", "demi", "cmbx", "sfbx") && !lower.contains("semilight")
                || descriptor != null && (descriptor.isForceBold() || descriptor.getFontWeight() >= 600);
        boolean italic = containsAny(lower, "italic", "oblique", "cmti", "cmsl", "sfti", "slanted")
                || descriptor != null && (descriptor.isItalic() || descriptor.getItalicAngle() < -1);
        return new Kind(family, bold, italic);
    }

    private static boolean containsAny(String text, String... parts) {
        for (String part : parts) {
            if (text.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
