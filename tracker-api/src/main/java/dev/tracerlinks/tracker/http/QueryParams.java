package dev.tracerlinks.tracker.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Query parameters with a default, and a 400 with a sentence when a value makes no sense. */
public final class QueryParams {
    private QueryParams() {
    }

    /**
     * Before every route: each parameter at most once ({@code include_bots=true&include_bots=false} must not
     * mean whichever comes first), and no control or bidi characters in names or values.
     */
    public static void checkAll(Context ctx) {
        for (Map.Entry<String, List<String>> parameter : ctx.queryParamMap().entrySet()) {
            TextFields.checkCharacters("query parameter name", parameter.getKey());
            if (parameter.getValue().size() > 1) {
                throw new ApiException(400, "Query parameter " + parameter.getKey() + " is given " + parameter.getValue().size()
                        + " times; give it once.", Map.of("field", parameter.getKey()));
            }
            for (String value : parameter.getValue()) {
                TextFields.checkCharacters(parameter.getKey(), value);
            }
        }
    }

    public static boolean bool(Context ctx, String name, boolean fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        // Exactly true or false, as in JSON: 1, yes or TRUE would be guesses about what the caller meant.
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false, got \"" + value + "\".");
        };
    }

    public static long number(Context ctx, String name, long fallback, long min, long max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below with the allowed range
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + ", got \"" + value + "\".");
    }
}
