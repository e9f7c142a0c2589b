package dev.tracerlinks.tracker.classification;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * What a user agent says about the client, judged by lists in this order (resources/bots/README.md
 * says where each comes from and why the order is what it is):
 * <ol>
 *   <li>our own list of machines (e-mail scanners, link previewers of chat and office apps, HTTP
 *       libraries, headless browsers, attack payloads): a bot, whatever else its user agent claims;</li>
 *   <li>people's apps that look odd (in-app browsers, Electron desktop apps, regional mobile
 *       browsers): human, unless the rest of the user agent, with the app's own token taken out,
 *       names a crawler of the list below or announces a robot in words (a scraper that pastes
 *       {@code FBAV/471} before its own name is still a bot). They come before the crawler list,
 *       some of whose patterns match the apps' tokens;</li>
 *   <li>the crawler-user-agents list: a bot;</li>
 *   <li>people's devices that look odd (TV and game-console browsers, feature phones, other
 *       Electron apps): human, unless the user agent announces a robot in words. After the
 *       crawler list, because crawlers often borrow a phone's user agent and add their name
 *       ({@code NokiaN70 ... FASTMobileCrawl/6.6 Profile/MIDP-2.0});</li>
 *   <li>isbot's patterns, generic shapes bots announce themselves with ({@code bot}, {@code crawl},
 *       {@code http}, e-mail addresses, tool names, forms no browser uses): a bot.</li>
 * </ol>
 * Each list sits in a {@link PatternIndex}, so a user agent never seen before costs microseconds;
 * judgements are cached because the same few user agents make most clicks.
 */
public final class UserAgentRules {
    private static final int MAX_CACHED = 20_000;
    /** Words a robot announces itself with; "Cubot" is a phone brand. Bounded, cheap on any input. */
    private static final Pattern ROBOT_WORDS = Pattern.compile("(?i)(?<![ (;_]cu)bots?\\b|crawl|spider|scanner|https?://");
    /** A judgement: a bot with the rule that said so, a person's known client, or nothing known. */
    public record Judgement(boolean bot, String reason, boolean knownHumanClient) {
        static final Judgement UNKNOWN = new Judgement(false, null, false);

        static Judgement bot(String reason) {
            return new Judgement(true, reason, false);
        }

        static Judgement human(String client) {
            return new Judgement(false, client, true);
        }
    }

    /** An entry of our lists; {@code kind} groups the human clients ({@code device-browser} is judged after the crawler list). */
    private record Named(String name, String pattern, String kind) {
        Named(String name, String pattern) {
            this(name, pattern, null);
        }
    }

    private final PatternIndex ownBots;
    private final PatternIndex humanApps;
    private final PatternIndex crawlerList;
    private final PatternIndex humanDevices;
    private final PatternIndex isbotList;
    private final Map<String, Judgement> cache = new ConcurrentHashMap<>();

    private UserAgentRules(PatternIndex ownBots, PatternIndex humanApps, PatternIndex crawlerList, PatternIndex humanDevices,
            PatternIndex isbotList) {
        this.ownBots = ownBots;
        this.humanApps = humanApps;
        this.crawlerList = crawlerList;
        this.humanDevices = humanDevices;
        this.isbotList = isbotList;
    }

    /** Loads every list from the class path; a pattern Java cannot compile is skipped. */
    public static UserAgentRules load(ObjectMapper mapper) {
        List<Named> humans = read(mapper, "/bots/human-user-agents.json", new TypeReference<List<Named>>() { });
        // Patterns of the crawler list that match people's clients (the file says which and why).
        Set<String> excluded = read(mapper, "/bots/crawler-user-agents-excluded.json", new TypeReference<List<Named>>() { }).stream()
                .map(Named::pattern).collect(Collectors.toSet());
        return new UserAgentRules(
                index(read(mapper, "/bots/own-user-agents.json", new TypeReference<List<Named>>() { }), 0),
                index(humans.stream().filter(entry -> !"device-browser".equals(entry.kind())).toList(), 0),
                index(read(mapper, "/bots/crawler-user-agents.json", new TypeReference<List<Named>>() { }).stream()
                        .filter(entry -> !excluded.contains(entry.pattern()))
                        .map(entry -> new Named(nameOf(entry.pattern()), entry.pattern())).toList(), 0),
                index(humans.stream().filter(entry -> "device-browser".equals(entry.kind())).toList(), 0),
                index(read(mapper, "/bots/isbot-patterns.json", new TypeReference<List<String>>() { }).stream()
                        .map(pattern -> new Named(null, pattern)).toList(), Pattern.CASE_INSENSITIVE));
    }

    private static PatternIndex index(List<Named> named, int flags) {
        List<PatternIndex.Entry> entries = new ArrayList<>();
        for (Named entry : named) {
            try {
                entries.add(new PatternIndex.Entry(entry.name(), Pattern.compile(entry.pattern(), flags)));
            } catch (PatternSyntaxException e) {
                // A pattern written for another regex dialect: the rest of the list still applies.
            }
        }
        return new PatternIndex(entries);
    }

    public Judgement judge(String userAgent) {
        Judgement cached = cache.get(userAgent);
        if (cached != null) {
            return cached;
        }
        Judgement judgement = judgeUncached(userAgent);
        if (cache.size() >= MAX_CACHED) {
            // A flood of invented user agents must neither grow memory nor freeze the cache for good.
            cache.clear();
        }
        cache.put(userAgent, judgement);
        return judgement;
    }

    private Judgement judgeUncached(String userAgent) {
        Optional<PatternIndex.Hit> own = ownBots.firstMatch(userAgent);
        if (own.isPresent()) {
            return Judgement.bot("ua:" + own.get().entry().name() + "@own");
        }
        Optional<PatternIndex.Hit> app = humanApps.firstMatch(userAgent);
        if (app.isPresent()) {
            // The app's token explains the odd parts; the rest must not name a crawler or announce a robot. isbot's
            // generic shapes are not asked: apps add tokens of their own they take for tools (WeChat's Process/tools).
            String rest = blanked(userAgent, app.get());
            return robotWord(rest).or(() -> crawlerListMatch(rest)).orElseGet(() -> Judgement.human(app.get().entry().name()));
        }
        Optional<Judgement> crawler = crawlerListMatch(userAgent);
        if (crawler.isPresent()) {
            return crawler.get();
        }
        Optional<PatternIndex.Hit> device = humanDevices.firstMatch(userAgent);
        if (device.isPresent()) {
            // Old phones and TVs carry tokens isbot's generic shapes take for tools (JavaPlatform/, Bada/1.0;); only a
            // robot announced in words outvotes the device.
            return robotWord(userAgent).orElseGet(() -> Judgement.human(device.get().entry().name()));
        }
        return isbotMatch(userAgent).orElse(Judgement.UNKNOWN);
    }

    /** A robot that says so in words ({@code ua:examplebot@robot-words}). */
    private static Optional<Judgement> robotWord(String userAgent) {
        Matcher matcher = ROBOT_WORDS.matcher(userAgent);
        return matcher.find()
                ? Optional.of(Judgement.bot("ua:" + matchedWord(userAgent, matcher.start(), matcher.end()) + "@robot-words"))
                : Optional.empty();
    }

    private Optional<Judgement> crawlerListMatch(String userAgent) {
        return crawlerList.firstMatch(userAgent).map(hit -> Judgement.bot("ua:" + hit.entry().name() + "@crawler-user-agents"));
    }

    /** isbot's patterns have no names: the reason gives the word that matched and the pattern ({@code ua:AcoonBot@isbot/bots?...}). */
    private Optional<Judgement> isbotMatch(String userAgent) {
        return isbotList.firstMatch(userAgent)
                .map(hit -> Judgement.bot("ua:" + matchedWord(userAgent, hit.start(), hit.end()) + "@isbot/" + hit.entry().pattern().pattern()));
    }

    /** The user agent with the matched token replaced by spaces, so the lists judge what is left. */
    private static String blanked(String userAgent, PatternIndex.Hit hit) {
        return userAgent.substring(0, hit.start()) + " ".repeat(hit.end() - hit.start()) + userAgent.substring(hit.end());
    }

    /** Test hook: how many patterns each list holds. */
    int size() {
        return ownBots.size() + humanApps.size() + crawlerList.size() + humanDevices.size() + isbotList.size();
    }

    /**
     * A readable name for a generic pattern's match: the word around it ({@code AcoonBot} for the
     * {@code bot} that matched inside it), or a short description for a match on the whole form.
     */
    static String matchedWord(String userAgent, int start, int end) {
        if (end - start > 30 || end == start) {
            return "form";
        }
        while (start > 0 && isWordChar(userAgent.charAt(start - 1))) {
            start--;
        }
        while (end < userAgent.length() && isWordChar(userAgent.charAt(end))) {
            end++;
        }
        String word = userAgent.substring(start, end).strip().replaceAll("[^A-Za-z0-9 ._/@+:-]", "");
        return word.isEmpty() ? "form" : word.length() > 40 ? word.substring(0, 40) : word;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }

    /**
     * A readable rule name for {@code bot_reason}: the first alternative of the pattern, regex syntax
     * removed ({@code Googlebot\\/} → {@code Googlebot}, {@code [wW]get} → {@code wget},
     * {@code yandex\\.com\\/bots} → {@code yandex.com/bots}).
     */
    static String nameOf(String pattern) {
        String first = pattern.split("\\|", 2)[0];
        String name = first.replaceAll("\\[(.)[^\\]]*\\]", "$1")
                .replaceAll("\\\\(.)", "$1")
                .replaceAll("\\(\\?[:!=]", "")
                .replaceAll("[^A-Za-z0-9 ._/-]", "")
                .replaceAll("[/ .]+$", "")
                .strip();
        return name.isEmpty() ? pattern : name;
    }

    private static <T> List<T> read(ObjectMapper mapper, String resource, TypeReference<List<T>> type) {
        try (InputStream in = UserAgentRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return mapper.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
