package dev.tracerlinks.tracker.links;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/** The guide's {@code link_function} when the caller gives none, guessed from the destination's host. */
final class LinkFunctions {
    private static final Map<String, String> BY_HOST = Map.of(
            "linkedin.com", "LinkedIn",
            "github.com", "GitHub",
            "gitlab.com", "GitLab",
            "calendly.com", "Calendly",
            "stackoverflow.com", "StackOverflow",
            "x.com", "X",
            "twitter.com", "X",
            "medium.com", "Medium");

    private LinkFunctions() {
    }

    static String infer(String destinationUrl) {
        String host = URI.create(destinationUrl).getHost().toLowerCase(Locale.ROOT);
        for (var entry : BY_HOST.entrySet()) {
            if (host.equals(entry.getKey()) || host.endsWith("." + entry.getKey())) {
                return entry.getValue();
            }
        }
        return "Website";
    }
}
