package dev.tracerlinks.redirector;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the redirector reads from its environment (DESIGN.md's table), parsed once at start-up.
 *
 * @param dataDir where the link replica and the click outbox live
 * @param replicaSyncInterval how often the replica asks tracker-api for changed links; bounds how late
 *     a deactivation reaches the edge
 * @param trustedProxies peers whose {@code X-Forwarded-For} is believed
 * @param outboxMaxBytes disk the click outbox may use before new clicks are dropped (with a log line)
 * @param rateLimitPerSecond requests per second per client after a burst of three seconds' worth; 0 is off
 */
public record RedirectorConfig(
        int port,
        URI trackerApiUrl,
        String trackerApiKey,
        Path dataDir,
        Duration replicaSyncInterval,
        TrustedProxies trustedProxies,
        long outboxMaxBytes,
        int rateLimitPerSecond) {

    public static final int DEFAULT_PORT = 8080;

    /** The defaults for everything but the essentials; tests and benchmarks start from here. */
    public static RedirectorConfig of(int port, URI trackerApiUrl, String trackerApiKey, Path dataDir) {
        return new RedirectorConfig(port, trackerApiUrl, trackerApiKey, dataDir, Duration.ofSeconds(1),
                TrustedProxies.parse(""), 1L << 30, 20);
    }

    public static RedirectorConfig fromEnv(Map<String, String> env) {
        String trackerApiUrl = env.getOrDefault("TRACKER_API_URL", "http://127.0.0.1:7070").strip();
        URI trackerApi = URI.create(trackerApiUrl.endsWith("/") ? trackerApiUrl.substring(0, trackerApiUrl.length() - 1) : trackerApiUrl);
        if (!"http".equals(trackerApi.getScheme()) && !"https".equals(trackerApi.getScheme())) {
            throw new IllegalArgumentException("TRACKER_API_URL must be an http(s) URL, got " + trackerApiUrl);
        }
        return new RedirectorConfig(
                (int) number(env, "REDIRECTOR_PORT", DEFAULT_PORT),
                trackerApi,
                requiredKey(env.get("TRACKER_API_KEY")),
                Path.of(env.getOrDefault("REDIRECTOR_DATA_DIR", "data/redirector")),
                Duration.ofSeconds(1),
                TrustedProxies.parse(env.getOrDefault("REDIRECTOR_TRUSTED_PROXIES", "")),
                number(env, "REDIRECTOR_OUTBOX_MAX_MB", 1024) * 1024 * 1024,
                (int) number(env, "REDIRECTOR_RATE_LIMIT", 20));
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + value);
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
