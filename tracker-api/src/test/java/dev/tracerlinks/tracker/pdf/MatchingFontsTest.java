package dev.tracerlinks.tracker.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.PDTrueTypeFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kind of a page's font decides the face a replacement is drawn in. */
class MatchingFontsTest {
    @ParameterizedTest(name = "{0} -> {1} bold={2} italic={3}")
    @CsvSource({
        // Names as producers write them (subset prefix included), with no helpful flags.
        "BAAAAA+NotoSans-Regular,            SANS,  false, false",
        "CAAAAA+NotoSans-Bold,               SANS,  true,  false",
        "ABCDEF+Roboto-BoldItalic,           SANS,  true,  true",
        "ABCDEF+LMRoman10-Regular,           SERIF, false, false",
        "ABCDEF+CMR10,                       SERIF, false, false",
        "ABCDEF+CMTI10,                      SERIF, false, true",
        "ABCDEF+CMTT10,                      MONO,  false, false",
        "ABCDEF+LMMono10-Regular,            MONO,  false, false",
        "TimesNewRomanPS-ItalicMT,           SERIF, false, true",
        "ABCDEF+SourceSerif4-Semibold,       SERIF, true,  false",
        "ABCDEF+SourceSansPro-Regular,       SANS,  false, false",
        "ABCDEF+DejaVuSansMono,              MONO,  false, false",
        "ABCDEF+Georgia,                     SERIF, false, false",
        "ABCDEF+Calibri,                     SANS,  false, false",
        "ABCDEF+SomethingUnheardOf,          SANS,  false, false",
    })
    void a_font_is_matched_by_its_name(String name, MatchingFonts.Family family, boolean bold, boolean italic) throws java.io.IOException {
        COSDictionary dictionary = new COSDictionary();
        dictionary.setItem(COSName.TYPE, COSName.FONT);
        dictionary.setItem(COSName.SUBTYPE, COSName.TRUE_TYPE);
        dictionary.setName(COSName.BASE_FONT, name);
        PDFont font = new PDTrueTypeFont(dictionary) {
        };
        assertThat(MatchingFonts.kindOf(font)).isEqualTo(new MatchingFonts.Kind(family, bold, italic));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "TIMES_ROMAN,      SERIF, false, false",
        "TIMES_BOLD_ITALIC, SERIF, true, true",
        "HELVETICA_BOLD,   SANS,  true,  false",
        "COURIER_OBLIQUE,  MONO,  false, true",
    })
    void the_standard_fonts_are_matched_by_their_metrics(Standard14Fonts.FontName standard, MatchingFonts.Family family, boolean bold,
            boolean italic) {
        assertThat(MatchingFonts.kindOf(new PDType1Font(standard))).isEqualTo(new MatchingFonts.Kind(family, bold, italic));
    }

    @org.junit.jupiter.api.Test
    void descriptor_flags_decide_when_the_name_says_nothing() throws java.io.IOException {
        COSDictionary dictionary = new COSDictionary();
        dictionary.setItem(COSName.SUBTYPE, COSName.TRUE_TYPE);
        dictionary.setName(COSName.BASE_FONT, "ABCDEF+F1");
        PDFontDescriptor descriptor = new PDFontDescriptor(new COSDictionary());
        descriptor.setSerif(true);
        descriptor.setItalic(true);
        descriptor.setFontWeight(700);
        dictionary.setItem(COSName.FONT_DESC, descriptor);
        PDFont font = new PDTrueTypeFont(dictionary) {
        };
        assertThat(MatchingFonts.kindOf(font)).isEqualTo(new MatchingFonts.Kind(MatchingFonts.Family.SERIF, true, true));
    }
}
