package dev.tracerlinks.tracker.http;

import java.util.List;
import java.util.Map;

/** A failure the caller can act on: a status, a sentence, and context fields for the JSON error body. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, Object> context;

    public ApiException(int status, String sentence, Map<String, Object> context) {
        super(sentence);
        this.status = status;
        this.context = Map.copyOf(context);
    }

    public ApiException(int status, String sentence) {
        this(status, sentence, Map.of());
    }

    public int status() {
        return status;
    }

    public Map<String, Object> context() {
        return context;
    }

    public static ApiException badRequest(String sentence) {
        return new ApiException(400, sentence);
    }

    /** 400 naming the first missing field, listing every required one, as the guide's example does. */
    public static ApiException missingFields(List<String> missing, List<String> required) {
        return new ApiException(400, "Missing required field: " + String.join(", ", missing),
                Map.of("required_fields", required));
    }

    public static ApiException notFound(String sentence, Map<String, Object> context) {
        return new ApiException(404, sentence, context);
    }

    public static ApiException conflict(String sentence) {
        return new ApiException(409, sentence);
    }
}
