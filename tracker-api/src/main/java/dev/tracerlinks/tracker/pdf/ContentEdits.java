package dev.tracerlinks.tracker.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorName;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Cuts chosen glyphs out of a page's content stream. Each cut glyph becomes a TJ adjustment of
 * exactly its advance, so the pen ends where it did and every other glyph stays in place. Chosen
 * paths (the underlines of replaced text) are ended with {@code n}, which discards them unpainted.
 */
final class ContentEdits {
    /** The glyphs to cut from one string of one operator, by glyph index, with their advances. */
    private record StringCut(PDFont font, Map<Integer, Float> adjustments) {
    }

    private final Map<Integer, Map<Integer, StringCut>> cutsByOperator = new HashMap<>();
    private final java.util.Set<Integer> discardedPaths = new java.util.HashSet<>();

    void cut(Glyph glyph) {
        cutsByOperator.computeIfAbsent(glyph.operator(), operator -> new HashMap<>())
                .computeIfAbsent(glyph.string(), string -> new StringCut(glyph.font(), new TreeMap<>()))
                .adjustments().put(glyph.index(), glyph.adjustment());
    }

    /** The rule's path is built as before and then dropped instead of painted. */
    void discard(Rule rule) {
        discardedPaths.add(rule.paintOperator());
    }

    boolean isEmpty() {
        return cutsByOperator.isEmpty() && discardedPaths.isEmpty();
    }

    /** The page's tokens (as {@code PDFStreamParser} reads them) with the cuts made. */
    List<Object> apply(List<Object> tokens) throws IOException {
        List<Object> out = new ArrayList<>(tokens.size() + 16);
        List<COSBase> operands = new ArrayList<>();
        int operatorIndex = -1;
        for (Object token : tokens) {
            if (!(token instanceof Operator operator)) {
                operands.add((COSBase) token);
                continue;
            }
            operatorIndex++;
            Map<Integer, StringCut> cuts = cutsByOperator.get(operatorIndex);
            if (discardedPaths.contains(operatorIndex)) {
                // Painting operators take no operands: the path built before stays, unpainted.
                out.addAll(operands);
                out.add(Operator.getOperator(OperatorName.ENDPATH));
            } else if (cuts == null) {
                out.addAll(operands);
                out.add(operator);
            } else {
                rewrite(operator, operands, cuts, out);
            }
            operands.clear();
        }
        out.addAll(operands);
        return out;
    }

    /** Tj, ' and " become TJ (after the line move and spacing they imply); TJ keeps its form. */
    private static void rewrite(Operator operator, List<COSBase> operands, Map<Integer, StringCut> cuts, List<Object> out)
            throws IOException {
        switch (operator.getName()) {
            case OperatorName.SHOW_TEXT -> out.add(cutStrings(List.of(operands.get(operands.size() - 1)), cuts));
            case OperatorName.SHOW_TEXT_LINE -> {
                out.add(Operator.getOperator(OperatorName.NEXT_LINE));
                out.add(cutStrings(List.of(operands.get(operands.size() - 1)), cuts));
            }
            case OperatorName.SHOW_TEXT_LINE_AND_SPACE -> {
                out.add(operands.get(0));
                out.add(Operator.getOperator(OperatorName.SET_WORD_SPACING));
                out.add(operands.get(1));
                out.add(Operator.getOperator(OperatorName.SET_CHAR_SPACING));
                out.add(Operator.getOperator(OperatorName.NEXT_LINE));
                out.add(cutStrings(List.of(operands.get(2)), cuts));
            }
            case OperatorName.SHOW_TEXT_ADJUSTED -> {
                List<COSBase> elements = new ArrayList<>();
                ((COSArray) operands.get(0)).forEach(elements::add);
                out.add(cutStrings(elements, cuts));
            }
            default -> throw new IllegalStateException("glyphs recorded for non-text operator " + operator.getName());
        }
        out.add(Operator.getOperator(OperatorName.SHOW_TEXT_ADJUSTED));
    }

    private static COSArray cutStrings(List<COSBase> elements, Map<Integer, StringCut> cuts) throws IOException {
        COSArray result = new COSArray();
        int stringIndex = -1;
        for (COSBase element : elements) {
            if (!(element instanceof COSString string)) {
                result.add(element);
                continue;
            }
            stringIndex++;
            StringCut cut = cuts.get(stringIndex);
            if (cut == null) {
                result.add(string);
            } else {
                cutOne(string.getBytes(), cut, result);
            }
        }
        return result;
    }

    private static void cutOne(byte[] bytes, StringCut cut, COSArray result) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        float pendingAdjustment = 0;
        int glyphIndex = 0;
        while (in.available() > 0) {
            int start = bytes.length - in.available();
            cut.font().readCode(in);
            int end = bytes.length - in.available();
            Float adjustment = cut.adjustments().get(glyphIndex++);
            if (adjustment != null) {
                if (kept.size() > 0) {
                    result.add(new COSString(kept.toByteArray()));
                    kept.reset();
                }
                pendingAdjustment += adjustment;
            } else {
                if (pendingAdjustment != 0) {
                    result.add(new COSFloat(pendingAdjustment));
                    pendingAdjustment = 0;
                }
                kept.write(bytes, start, end - start);
            }
        }
        if (kept.size() > 0) {
            result.add(new COSString(kept.toByteArray()));
        }
        if (pendingAdjustment != 0) {
            result.add(new COSFloat(pendingAdjustment));
        }
    }
}
