package dev.tracerlinks.tracker.pdf;

import java.time.Duration;

/** A time budget for one document, checked between operators so a hostile PDF cannot run forever. */
final class Deadline {
    private final long endNanos;
    private final Duration budget;

    Deadline(Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    void check() {
        if (System.nanoTime() - endNanos > 0) {
            throw new PdfRejectedException(422, "The PDF took longer than " + budget.toSeconds()
                    + " s to process; it is too complex to be a resume this service can rewrite.");
        }
    }
}
