package dev.tracerlinks.tracker.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.DrawObject;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorN;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorSpace;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceCMYKColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceGrayColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceRGBColor;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.OperatorProcessor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColorN;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColorSpace;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceCMYKColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceGrayColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceRGBColor;
import org.apache.pdfbox.contentstream.operator.state.SetGraphicsStateParameters;
import org.apache.pdfbox.contentstream.operator.state.SetLineWidth;
import org.apache.pdfbox.cos.COSNumber;
import java.awt.geom.Point2D;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.contentstream.operator.text.BeginText;
import org.apache.pdfbox.contentstream.operator.text.EndText;
import org.apache.pdfbox.contentstream.operator.text.MoveText;
import org.apache.pdfbox.contentstream.operator.text.MoveTextSetLeading;
import org.apache.pdfbox.contentstream.operator.text.NextLine;
import org.apache.pdfbox.contentstream.operator.text.SetCharSpacing;
import org.apache.pdfbox.contentstream.operator.text.SetFontAndSize;
import org.apache.pdfbox.contentstream.operator.text.SetTextHorizontalScaling;
import org.apache.pdfbox.contentstream.operator.text.SetTextLeading;
import org.apache.pdfbox.contentstream.operator.text.SetTextRenderingMode;
import org.apache.pdfbox.contentstream.operator.text.SetTextRise;
import org.apache.pdfbox.contentstream.operator.text.SetWordSpacing;
import org.apache.pdfbox.contentstream.operator.text.ShowText;
import org.apache.pdfbox.contentstream.operator.text.ShowTextAdjusted;
import org.apache.pdfbox.contentstream.operator.text.ShowTextLine;
import org.apache.pdfbox.contentstream.operator.text.ShowTextLineAndSpace;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType3Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDTransparencyGroup;
import org.apache.pdfbox.pdmodel.graphics.state.PDTextState;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * Runs a page's content the way a viewer would, and records every glyph with the operator, string
 * and position it came from, so that the rewriter can find URL text and cut exactly those bytes;
 * and the thin horizontal rules the page paints near it (underlines: {@link Rule}).
 */
final class PageGlyphs extends PDFStreamEngine {
    /** More glyphs than a page of text has many times over: the document is refused rather than walked further. */
    private static final long MAX_GLYPHS = 2_000_000;

    /** Thicker than this is a bar or a box, not an underline. */
    private static final float MAX_RULE_THICKNESS = 3;

    /** What a page draws near its links: glyphs, and rules that may underline them. */
    record Content(List<Glyph> glyphs, List<Rule> rules) {
    }

    private final List<Glyph> glyphs = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    /** The points of the path being built, in user space; null once it holds a curve or an operand that is not a number. */
    private List<Point2D.Float> pathPoints = new ArrayList<>();
    private int pathSubpaths;
    private final Deadline deadline;
    private final GlyphFilter keep;
    private long seen;
    private int formDepth;
    private boolean insideOperator;
    private int operatorIndex = -1;
    private int stringIndex;
    private int glyphIndex;

    /** Which glyphs to keep, by position: only those under links matter, and keeping all would cost memory. */
    @FunctionalInterface
    interface GlyphFilter {
        boolean keep(float x, float y);
    }

    private PageGlyphs(Deadline deadline, GlyphFilter keep) {
        this.deadline = deadline;
        this.keep = keep;
        addOperator(new BeginText(this));
        addOperator(new EndText(this));
        addOperator(new Concatenate(this));
        addOperator(new DrawObject(this));
        addOperator(new SetGraphicsStateParameters(this));
        addOperator(new Save(this));
        addOperator(new Restore(this));
        addOperator(new SetMatrix(this));
        addOperator(new NextLine(this));
        addOperator(new SetCharSpacing(this));
        addOperator(new MoveText(this));
        addOperator(new MoveTextSetLeading(this));
        addOperator(new SetFontAndSize(this));
        addOperator(new ShowText(this));
        addOperator(new ShowTextAdjusted(this));
        addOperator(new SetTextLeading(this));
        addOperator(new SetTextRenderingMode(this));
        addOperator(new SetTextRise(this));
        addOperator(new SetWordSpacing(this));
        addOperator(new SetTextHorizontalScaling(this));
        addOperator(new ShowTextLine(this));
        addOperator(new ShowTextLineAndSpace(this));
        addOperator(new SetNonStrokingColor(this));
        addOperator(new SetNonStrokingColorN(this));
        addOperator(new SetNonStrokingColorSpace(this));
        addOperator(new SetNonStrokingDeviceCMYKColor(this));
        addOperator(new SetNonStrokingDeviceGrayColor(this));
        addOperator(new SetNonStrokingDeviceRGBColor(this));
        addOperator(new SetStrokingColor(this));
        addOperator(new SetStrokingColorN(this));
        addOperator(new SetStrokingColorSpace(this));
        addOperator(new SetStrokingDeviceCMYKColor(this));
        addOperator(new SetStrokingDeviceGrayColor(this));
        addOperator(new SetStrokingDeviceRGBColor(this));
        addOperator(new SetLineWidth(this));
        for (String name : new String[] {"re", "m", "l", "c", "v", "y", "h"}) {
            addOperator(new PathPart(this, name));
        }
        for (String name : new String[] {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "n"}) {
            addOperator(new PathPaint(this, name));
        }
    }

    /** Builds the path: its points are remembered while it is made of straight segments. */
    private static final class PathPart extends OperatorProcessor {
        private final String name;

        PathPart(PageGlyphs engine, String name) {
            super(engine);
            this.name = name;
        }

        @Override
        public void process(Operator operator, List<COSBase> operands) {
            ((PageGlyphs) getContext()).pathPart(name, operands);
        }

        @Override
        public String getName() {
            return name;
        }
    }

    /** Paints (or discards) the path: a single thin horizontal shape painted in the page's own content is a rule. */
    private static final class PathPaint extends OperatorProcessor {
        private final String name;

        PathPaint(PageGlyphs engine, String name) {
            super(engine);
            this.name = name;
        }

        @Override
        public void process(Operator operator, List<COSBase> operands) {
            ((PageGlyphs) getContext()).pathPaint(name);
        }

        @Override
        public String getName() {
            return name;
        }
    }

    private void pathPart(String name, List<COSBase> operands) {
        if (pathPoints == null) {
            return;
        }
        float[] numbers = new float[operands.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (!(operands.get(i) instanceof COSNumber number)) {
                pathPoints = null;
                return;
            }
            numbers[i] = number.floatValue();
        }
        Matrix ctm = getGraphicsState().getCurrentTransformationMatrix();
        switch (name) {
            case "re" -> {
                if (numbers.length != 4) {
                    pathPoints = null;
                    return;
                }
                pathSubpaths++;
                pathPoints.add(ctm.transformPoint(numbers[0], numbers[1]));
                pathPoints.add(ctm.transformPoint(numbers[0] + numbers[2], numbers[1]));
                pathPoints.add(ctm.transformPoint(numbers[0] + numbers[2], numbers[1] + numbers[3]));
                pathPoints.add(ctm.transformPoint(numbers[0], numbers[1] + numbers[3]));
            }
            case "m", "l" -> {
                if (numbers.length != 2) {
                    pathPoints = null;
                    return;
                }
                if (name.equals("m")) {
                    pathSubpaths++;
                }
                pathPoints.add(ctm.transformPoint(numbers[0], numbers[1]));
            }
            case "h" -> {
                // Closing adds no point.
            }
            default -> pathPoints = null; // a curve: no rule
        }
    }

    /**
     * A path of straight segments with one subpath is a rule when it is thin and horizontal: filled,
     * an axis-aligned rectangle (re, or four corners from m and l, as Qt and Skia draw underlines);
     * stroked, one horizontal segment.
     */
    private void pathPaint(String name) {
        List<Point2D.Float> points = pathPoints;
        int subpaths = pathSubpaths;
        pathPoints = new ArrayList<>();
        pathSubpaths = 0;
        if (points == null || subpaths != 1 || points.size() < 2 || formDepth > 0 || name.equals("n")) {
            return;
        }
        float minX = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (Point2D.Float point : points) {
            minX = Math.min(minX, point.x);
            maxX = Math.max(maxX, point.x);
            minY = Math.min(minY, point.y);
            maxY = Math.max(maxY, point.y);
        }
        float width = maxX - minX;
        boolean fill = name.startsWith("f") || name.equals("F");
        boolean stroke = name.equalsIgnoreCase("S");
        if (fill && onCorners(points, minX, maxX, minY, maxY)) {
            float thickness = maxY - minY;
            if (thickness > 0 && thickness <= MAX_RULE_THICKNESS && width > thickness * 3 && keep.keep(minX, minY)) {
                rules.add(new Rule(operatorIndex, minX, maxX, (minY + maxY) / 2, thickness, colour(getGraphicsState().getNonStrokingColor())));
            }
        } else if (stroke && points.size() == 2 && maxY - minY < 0.01f) {
            // A flipped matrix (y down, as HTML renderers set it) has a negative y scale.
            float thickness = Math.abs(getGraphicsState().getLineWidth() * getGraphicsState().getCurrentTransformationMatrix().getScalingFactorY());
            if (thickness > 0 && thickness <= MAX_RULE_THICKNESS && width > thickness * 3 && keep.keep(minX, minY)) {
                rules.add(new Rule(operatorIndex, minX, maxX, minY, thickness, colour(getGraphicsState().getStrokingColor())));
            }
        }
    }

    private static boolean onCorners(List<Point2D.Float> points, float minX, float maxX, float minY, float maxY) {
        float e = 0.01f;
        for (Point2D.Float point : points) {
            boolean cornerX = Math.abs(point.x - minX) < e || Math.abs(point.x - maxX) < e;
            boolean cornerY = Math.abs(point.y - minY) < e || Math.abs(point.y - maxY) < e;
            if (!cornerX || !cornerY) {
                return false;
            }
        }
        return points.size() >= 4;
    }

    /** The glyphs (and rules) the page draws whose position {@code keep} accepts, in drawing order. */
    static Content of(PDPage page, Deadline deadline, GlyphFilter keep) throws IOException {
        PageGlyphs engine = new PageGlyphs(deadline, keep);
        engine.processPage(page);
        return new Content(engine.glyphs, engine.rules);
    }

    /**
     * Counts only the page's own operators: ' and " call other operators, and forms run their own
     * streams, and none of those may shift the numbering the editor relies on.
     */
    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        // Forms can nest and repeat: the time budget applies at every depth.
        deadline.check();
        if (formDepth > 0 || insideOperator) {
            super.processOperator(operator, operands);
            return;
        }
        operatorIndex++;
        stringIndex = -1;
        insideOperator = true;
        try {
            super.processOperator(operator, operands);
        } finally {
            insideOperator = false;
        }
    }

    @Override
    public void showForm(PDFormXObject form) throws IOException {
        formDepth++;
        try {
            super.showForm(form);
        } finally {
            formDepth--;
        }
    }

    @Override
    public void showTransparencyGroup(PDTransparencyGroup form) throws IOException {
        formDepth++;
        try {
            super.showTransparencyGroup(form);
        } finally {
            formDepth--;
        }
    }

    @Override
    protected void showText(byte[] string) throws IOException {
        stringIndex++;
        glyphIndex = -1;
        super.showText(string);
    }

    /** Type 3 glyph procedures draw pictures, not text; running them would only cost time. */
    @Override
    protected void showType3Glyph(Matrix textRenderingMatrix, PDType3Font font, int code, Vector displacement) {
    }

    @Override
    protected void showGlyph(Matrix trm, PDFont font, int code, Vector displacement) throws IOException {
        super.showGlyph(trm, font, code, displacement);
        glyphIndex++;
        PDTextState state = getGraphicsState().getTextState();
        float fontSize = state.getFontSize();
        // Word spacing applies to a one-byte code 32, which in practice means simple fonts.
        float wordSpacing = code == 32 && !(font instanceof PDType0Font) ? state.getWordSpacing() : 0;
        float adjustment = fontSize == 0 ? 0
                : -(displacement.getX() * fontSize + state.getCharacterSpacing() + wordSpacing) / fontSize * 1000;
        if (++seen > MAX_GLYPHS) {
            throw new PdfRejectedException(422, "A page draws over " + MAX_GLYPHS + " characters; that is not a resume this service can rewrite.");
        }
        if ((seen & 0x3ff) == 0) {
            // One text operator can draw a million glyphs: the budget is checked inside it too.
            deadline.check();
        }
        float width = displacement.getX() * trm.getScalingFactorX();
        if (!keep.keep(Glyph.centreX(trm, width), Glyph.centreY(trm))) {
            return;
        }
        String text = font.toUnicode(code);
        glyphs.add(new Glyph(formDepth > 0 ? -1 : operatorIndex, stringIndex, glyphIndex,
                text == null ? "\uFFFD" : text, trm.clone(), width, adjustment,
                font, state.getRenderingMode().intValue(), fillColour()));
    }

    private float[] fillColour() {
        return colour(getGraphicsState().getNonStrokingColor());
    }

    private static float[] colour(PDColor colour) {
        try {
            int rgb = colour.toRGB();
            return new float[] {(rgb >> 16 & 0xff) / 255f, (rgb >> 8 & 0xff) / 255f, (rgb & 0xff) / 255f};
        } catch (IOException | RuntimeException e) {
            // Patterns and broken colour spaces have no single RGB; black text is always readable.
            return new float[] {0, 0, 0};
        }
    }
}
