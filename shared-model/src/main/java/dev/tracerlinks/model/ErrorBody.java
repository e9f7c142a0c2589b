package dev.tracerlinks.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The error body of DESIGN.md: {@code {"error": "<sentence>", ...context, "timestamp": "..."}}. */
public final class ErrorBody {
    private ErrorBody() {
    }

    public static Map<String, Object> of(String sentence, Map<String, ?> context, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", sentence);
        body.putAll(context);
        body.put("timestamp", now.truncatedTo(ChronoUnit.SECONDS).toString());
        return body;
    }
}
