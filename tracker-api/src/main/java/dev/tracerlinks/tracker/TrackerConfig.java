package dev.tracerlinks.tracker;

import dev.tracerlinks.tracker.db.DatabaseLocation;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Everything tracker-api reads from its environment (DESIGN.md's table), parsed once at start-up.
 *
 * @param bindAddress the interface tracker-api listens on; loopback by default, since it is an internal
 *     service (the redirector is the public part)
 * @param database the SQLite file or the PostgreSQL database ({@code TRACKER_DB})
 * @param tokenSuffixLetters letters after the company slug; more makes tokens harder to guess
 * @param allowPrivateDestinations whether links may send people to loopback, private or local-network
 *     hosts (intranet use)
 * @param printedBase what resumes print before {@code /cv/<token>} in place of a printed URL
 *     ({@code t.example.dev}); empty to print the redirect URL itself
 */
public record TrackerConfig(
        int port,
        String bindAddress,
        DatabaseLocation database,
        Optional<String> adminKey,
        URI publicBaseUrl,
        boolean allowPrivateBaseUrl,
        int tokenSuffixLetters,
        boolean allowPrivateDestinations,
        Optional<String> printedBase) {

    public static final int DEFAULT_PORT = 7070;

    public TrackerConfig {
        if (tokenSuffixLetters < 2 || tokenSuffixLetters > 12) {
            throw new IllegalArgumentException("TRACER_TOKEN_LETTERS must be between 2 and 12, got " + tokenSuffixLetters);
        }
        publicBaseUrl = publicBaseUrl(publicBaseUrl.toString());
    }

    public static TrackerConfig fromEnv(Map<String, String> env) {
        return new TrackerConfig(
                intValue(env, "TRACKER_PORT", DEFAULT_PORT),
                bindAddress(env.getOrDefault("TRACKER_BIND_ADDRESS", "127.0.0.1").strip()),
                DatabaseLocation.fromEnv(env),
                Optional.ofNullable(env.get("TRACKER_ADMIN_KEY")).filter(key -> !key.isBlank()),
                URI.create(env.getOrDefault("TRACER_PUBLIC_BASE_URL", "http://localhost:8080").strip()),
                booleanValue(env, "TRACER_ALLOW_PRIVATE_BASE_URL"),
                intValue(env, "TRACER_TOKEN_LETTERS", 2),
                booleanValue(env, "TRACER_ALLOW_PRIVATE_DESTINATIONS"),
                printedBase(env.get("TRACER_PRINTED_BASE")));
    }

    /** The printed form of a token's link ({@code t.example.dev/cv/amazon-de-qx}), or null without TRACER_PRINTED_BASE. */
    public String printedUrlFor(String token) {
        return printedBase.map(base -> base + "/cv/" + token).orElse(null);
    }

    /**
     * An address of this machine, as a literal: a name would depend on DNS at start-up, and an address that
     * is not this machine's fails later with Jetty's misleading "port already in use".
     */
    static String bindAddress(String value) {
        byte[] literal = dev.tracerlinks.model.Anonymizer.parseIpLiteral(value);
        String hint = " (127.0.0.1 for this machine only, 0.0.0.0 or :: for every interface, or one of its addresses)";
        if (literal == null) {
            throw new IllegalArgumentException("TRACKER_BIND_ADDRESS must be an IP address of this machine" + hint + "; got " + value);
        }
        try {
            java.net.InetAddress address = java.net.InetAddress.getByAddress(literal);
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress() && java.net.NetworkInterface.getByInetAddress(address) == null) {
                throw new IllegalArgumentException("TRACKER_BIND_ADDRESS " + value + " is not an address of this machine" + hint + ".");
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("TRACKER_BIND_ADDRESS " + value + " could not be checked: " + e.getMessage());
        }
        return value;
    }

    /** A host with an optional port and path, without a scheme (resumes print URLs without one); the trailing slash dropped. */
    private static Optional<String> printedBase(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String base = value.strip().replaceFirst("/+$", "");
        URI uri;
        try {
            uri = new URI("https://" + base);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (base.contains("://") || uri == null || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("TRACER_PRINTED_BASE must be a host name with an optional path and no scheme,"
                    + " such as t.example.dev; got " + value);
        }
        return Optional.of(base);
    }

    /** Unset or empty is false; anything but true or false is a mistake worth stopping for, not a silent false. */
    private static boolean booleanValue(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "").strip();
        return switch (value) {
            case "", "false" -> false;
            case "true" -> true;
            default -> throw new IllegalArgumentException(name + " must be true or false, got " + value);
        };
    }

    /** Redirect URLs are {@code <base>/cv/<token>}; the base is kept without a trailing slash. */
    public String redirectUrlFor(String token) {
        return publicBaseUrl.toString() + "/cv/" + token;
    }

    private static URI publicBaseUrl(String value) {
        String trimmed = value.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri = URI.create(trimmed);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("TRACER_PUBLIC_BASE_URL must be an absolute http(s) URL, got " + value);
        }
        return uri;
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + value);
        }
    }
}
