package dev.tracerlinks.tracker.classification;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Human or bot, from one click alone: the request's shape first (HEAD, prefetch headers, no user
 * agent, a browser without Accept-Language), then its user agent. Timing across clicks is
 * {@link BurstDetector}'s job.
 */
public final class BotClassifier {
    /** Whether a click is a bot, and which rule said so ({@code null} for humans). */
    public record Verdict(boolean isBot, String reason) {
        static final Verdict HUMAN = new Verdict(false, null);

        static Verdict bot(String reason) {
            return new Verdict(true, reason);
        }
    }

    private final UserAgentRules userAgents;

    public BotClassifier(UserAgentRules userAgents) {
        this.userAgents = userAgents;
    }

    /** {@code signals} are the edge's request headers; absent for clicks from guide clients. */
    public Verdict classify(String method, String userAgent, Map<String, String> signals) {
        Map<String, String> edge = signals == null ? Map.of() : signals;
        if ("HEAD".equals(method)) {
            return Verdict.bot("method:HEAD");
        }
        for (String header : new String[] {"sec-purpose", "purpose", "x-purpose", "x-moz"}) {
            String value = edge.getOrDefault(header, "").toLowerCase(Locale.ROOT);
            if (value.contains("prefetch") || value.contains("prerender") || value.contains("preview")) {
                return Verdict.bot("header:" + header + "=" + value.replaceAll("[^a-z;=-]", ""));
            }
        }
        boolean optedOut = "true".equals(edge.get("privacy-opt-out"));
        if (userAgent == null || userAgent.isBlank()) {
            // A DNT/GPC click had its user agent removed by us, on purpose: that says nothing about the visitor.
            return optedOut ? Verdict.HUMAN : Verdict.bot("empty-ua");
        }
        Optional<String> rule = userAgents.match(userAgent);
        if (rule.isPresent()) {
            return Verdict.bot("ua:" + rule.get());
        }
        if (userAgent.startsWith("Mozilla/") && "false".equals(edge.get("accept-language-present"))) {
            // Every real browser sends Accept-Language; scanners that borrow a browser's user agent often do not.
            return Verdict.bot("header:no-accept-language");
        }
        return Verdict.HUMAN;
    }
}
