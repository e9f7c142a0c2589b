package dev.tracerlinks.tracker.pdf;

/**
 * A thin horizontal line a page paints by itself (one filled rectangle, or one stroked segment): how
 * word processors draw underlines under linked text. The rewriter removes those under a replaced
 * printed URL and draws them again under the new text, so no underline is left under nothing.
 *
 * @param paintOperator index of the painting operator ({@code f}, {@code S}...) in the page's own content
 * @param x0 left end, user space
 * @param x1 right end, user space
 * @param y the line's middle, user space
 * @param thickness its height, user space
 * @param rgb its colour
 */
record Rule(int paintOperator, float x0, float x1, float y, float thickness, float[] rgb) {
}
