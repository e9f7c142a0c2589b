package dev.tracerlinks.tracker.pdf;

/** A document this service will not rewrite, with the HTTP status and the sentence that says why. */
public final class PdfRejectedException extends RuntimeException {
    private final int status;

    public PdfRejectedException(int status, String sentence) {
        super(sentence);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
