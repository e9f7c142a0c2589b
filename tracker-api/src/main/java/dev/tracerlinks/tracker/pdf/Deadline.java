package dev.tracerlinks.tracker.pdf;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A time budget for one document (PDF or JSON resume), checked between operators so a hostile PDF cannot run forever;
 * the same checks stop the work when the client that sent the document has gone.
 */
public final class Deadline {
    private static final long CLIENT_CHECK_INTERVAL_NANOS = 100_000_000;

    private final long endNanos;
    private final Duration budget;
    private final BooleanSupplier clientGone;
    private final String document;
    private long nextClientCheck;

    /** {@code document}: what is being rewritten, for the sentences ("PDF", "JSON resume"). */
    public Deadline(Duration budget, BooleanSupplier clientGone, String document) {
        this.budget = budget;
        this.document = document;
        this.clientGone = clientGone;
        this.endNanos = System.nanoTime() + budget.toNanos();
        this.nextClientCheck = System.nanoTime();
    }

    public void check() {
        long now = System.nanoTime();
        if (now - endNanos > 0) {
            throw new PdfRejectedException(422, "The " + document + " took longer than " + budget.toSeconds()
                    + " s to process; it is too complex to be a resume this service can rewrite.");
        }
        // Ten times a second at most: asking about the connection costs more than reading the clock.
        if (now - nextClientCheck > 0) {
            nextClientCheck = now + CLIENT_CHECK_INTERVAL_NANOS;
            if (clientGone.getAsBoolean()) {
                throw new PdfRejectedException(499, "The client closed the connection before the " + document
                        + " was rewritten; the work was stopped.");
            }
        }
    }
}
