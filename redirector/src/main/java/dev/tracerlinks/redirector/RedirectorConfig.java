package dev.tracerlinks.redirector;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the redirector reads from its environment (DESIGN.md's table), parsed once at start-up.
 *
 * @param linkCacheTtl how long a resolved link is served before it is checked again; bounds how late
 *     a deactivation reaches the edge
 */
public record RedirectorConfig(
        int port,
        URI trackerApiUrl,
        String trackerApiKey,
        Duration linkCacheTtl) {

    public static final int DEFAULT_PORT = 8080;

    public static RedirectorConfig fromEnv(Map<String, String> env) {
        String port = env.getOrDefault("REDIRECTOR_PORT", String.valueOf(DEFAULT_PORT));
        String trackerApiUrl = env.getOrDefault("TRACKER_API_URL", "http://127.0.0.1:7070").strip();
        URI trackerApi = URI.create(trackerApiUrl.endsWith("/") ? trackerApiUrl.substring(0, trackerApiUrl.length() - 1) : trackerApiUrl);
        if (!"http".equals(trackerApi.getScheme()) && !"https".equals(trackerApi.getScheme())) {
            throw new IllegalArgumentException("TRACKER_API_URL must be an http(s) URL, got " + trackerApiUrl);
        }
        try {
            return new RedirectorConfig(
                    Integer.parseInt(port.strip()),
                    trackerApi,
                    requiredKey(env.get("TRACKER_API_KEY")),
                    Duration.ofSeconds(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("REDIRECTOR_PORT must be a number, got " + port);
        }
    }

    private static String requiredKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("TRACKER_API_KEY is not set: the redirector needs a tracker-api key with the"
                    + " redirector scope (java -jar tracker-api.jar create-key redirector, or POST /api/keys).");
        }
        return key.strip();
    }
}
