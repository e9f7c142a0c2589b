package dev.tracerlinks.model;

/** A destination URL we refuse to issue a link for; the message is a sentence for the user. */
public final class InvalidDestinationException extends IllegalArgumentException {
    public InvalidDestinationException(String message) {
        super(message);
    }
}
