package dev.tracerlinks.tracker.pdf;

import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.util.Matrix;

/**
 * One glyph a page draws, and where its bytes sit in the page's content stream.
 *
 * @param operator index of the text-showing operator in the page's own content (-1 inside a form XObject)
 * @param string which string of that operator (a TJ array has several)
 * @param index which glyph of that string
 * @param text its Unicode text (U+FFFD when the font does not say)
 * @param trm the text rendering matrix at the glyph's origin (user space)
 * @param width the glyph's advance in user space
 * @param adjustment the TJ number that moves the pen as far as drawing this glyph did
 */
record Glyph(int operator, int string, int index, String text, Matrix trm, float width, float adjustment,
             PDFont font, int renderingMode, float[] rgb) {

    boolean inPageContent() {
        return operator >= 0;
    }

    float x() {
        return trm.getTranslateX();
    }

    float y() {
        return trm.getTranslateY();
    }

    /** Height of the font in user space, which is the size a reader sees. */
    float size() {
        return trm.getScalingFactorY();
    }

    /** A point inside the glyph's body, as tools that locate "words under a link" use. */
    float centreX() {
        return centreX(trm, width);
    }

    float centreY() {
        return centreY(trm);
    }

    static float centreX(Matrix trm, float width) {
        return trm.getTranslateX() + width / 2;
    }

    static float centreY(Matrix trm) {
        return trm.getTranslateY() + trm.getScalingFactorY() * 0.3f;
    }

    boolean isWhitespace() {
        return text.isBlank();
    }
}
