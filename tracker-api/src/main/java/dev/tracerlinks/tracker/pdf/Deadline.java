package dev.tracerlinks.tracker.pdf;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A time budget for one document, checked between operators so a hostile PDF cannot run forever;
 * the same checks stop the work when the client that sent the document has gone.
 */
final class Deadline {
    private final long endNanos;
    private final Duration budget;
    private final BooleanSupplier clientGone;
    private int checks;

    Deadline(Duration budget, BooleanSupplier clientGone) {
        this.budget = budget;
        this.clientGone = clientGone;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    void check() {
        if (System.nanoTime() - endNanos > 0) {
            throw new PdfRejectedException(422, "The PDF took longer than " + budget.toSeconds()
                    + " s to process; it is too complex to be a resume this service can rewrite.");
        }
        // Every 256th check: asking about the connection costs more than reading the clock.
        if ((++checks & 0xff) == 0 && clientGone.getAsBoolean()) {
            throw new PdfRejectedException(499, "The client closed the connection before the PDF was rewritten; the work was stopped.");
        }
    }
}
