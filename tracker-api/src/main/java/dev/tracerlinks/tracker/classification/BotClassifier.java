package dev.tracerlinks.tracker.classification;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Human or bot, from one click alone: the request's shape first (HEAD, prefetch headers, no user
 * agent), then what the user agent says ({@link UserAgentRules}), then whether the request looks like
 * what that user agent would send: every browser sends {@code Accept-Language}, and a browser that
 * promises Fetch Metadata on navigations ({@link BrowserClaims}) sends {@code Sec-Fetch-*} to a
 * secure context (https, localhost; the edge records which it was). Those
 * header rules apply only to clicks that come with the edge's signals; clicks from guide clients
 * carry none and are judged by their user agent alone. Timing across clicks is
 * {@link BurstDetector}'s job.
 */
public final class BotClassifier {
    private static final String[] FETCH_METADATA = {"sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest"};

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
        UserAgentRules.Judgement judgement = userAgents.judge(userAgent);
        if (judgement.bot()) {
            return Verdict.bot(judgement.reason());
        }
        boolean fromEdge = edge.containsKey("accept-language-present");
        if (fromEdge && "false".equals(edge.get("accept-language-present"))) {
            // Every browser, in-app ones included, sends Accept-Language; scanners and scripts mostly do not.
            return Verdict.bot("header:no-accept-language");
        }
        // Browsers send Fetch Metadata only to https and localhost: over plain http its absence says nothing.
        if (fromEdge && "true".equals(edge.get("secure-context"))) {
            Optional<String> claim = BrowserClaims.sendsFetchMetadata(userAgent);
            if (claim.isPresent() && Arrays.stream(FETCH_METADATA).noneMatch(edge::containsKey)) {
                return Verdict.bot("header:no-sec-fetch;claims=" + claim.get());
            }
        }
        return Verdict.HUMAN;
    }
}
