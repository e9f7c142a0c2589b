package dev.tracerlinks.model;

/**
 * One link of a rewritten resume.
 *
 * @param location where it is: {@code page 1} for a PDF annotation, a JSON path for a JSON Resume field
 * @param target the URL (or internal destination) the document had
 * @param action {@code rewritten} or {@code skipped}
 * @param reason why it was skipped, or a note about its visible text; null when there is nothing to say
 * @param visibleText the text printed over the link, when there is any
 * @param visibleTextRewritten whether the printed URL now shows the tracer URL
 */
public record RewrittenLink(
        String location,
        String target,
        String action,
        String reason,
        String trackingId,
        String redirectUrl,
        String visibleText,
        boolean visibleTextRewritten) {
}
