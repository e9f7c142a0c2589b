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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Bot user agents: our own entries (email scanners, link previewers, HTTP clients, headless browsers)
 * first, then the crawler-user-agents list (resources/bots/README.md says which version). Both lists
 * are folded into one alternation, so a human's user agent is tested by one regex (which still tries
 * every branch at each position: about a millisecond); results are cached because the same few user
 * agents make most clicks.
 */
public final class UserAgentRules {
    private static final int MAX_CACHED = 20_000;

    private record Rule(String name, Pattern pattern) {
    }

    private record Entry(String pattern, String name) {
    }

    private final List<Rule> rules;
    private final Pattern anyRule;
    private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

    private UserAgentRules(List<Rule> rules) {
        this.rules = rules;
        this.anyRule = Pattern.compile(rules.stream().map(rule -> "(?:" + rule.pattern().pattern() + ")").collect(Collectors.joining("|")));
    }

    /** Loads both lists from the class path; a pattern Java cannot compile is skipped. */
    public static UserAgentRules load(ObjectMapper mapper) {
        List<Rule> rules = new ArrayList<>();
        for (Entry entry : read(mapper, "/bots/own-user-agents.json")) {
            rules.add(new Rule(entry.name(), Pattern.compile(entry.pattern())));
        }
        for (Entry entry : read(mapper, "/bots/crawler-user-agents.json")) {
            Pattern compiled;
            try {
                compiled = Pattern.compile(entry.pattern());
            } catch (PatternSyntaxException e) {
                // A pattern written for another regex dialect: the rest of the list still applies.
                continue;
            }
            rules.add(new Rule(nameOf(entry.pattern()), compiled));
        }
        return new UserAgentRules(List.copyOf(rules));
    }

    /** The name of the first rule the user agent matches, if any. */
    public Optional<String> match(String userAgent) {
        Optional<String> cached = cache.get(userAgent);
        if (cached != null) {
            return cached;
        }
        Optional<String> name = anyRule.matcher(userAgent).find()
                ? rules.stream().filter(rule -> rule.pattern().matcher(userAgent).find()).map(Rule::name).findFirst()
                : Optional.empty();
        if (cache.size() >= MAX_CACHED) {
            // A flood of invented user agents must neither grow memory nor freeze the cache for good.
            cache.clear();
        }
        cache.put(userAgent, name);
        return name;
    }

    int size() {
        return rules.size();
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

    private static List<Entry> read(ObjectMapper mapper, String resource) {
        try (InputStream in = UserAgentRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return mapper.readValue(in, new TypeReference<List<Entry>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
