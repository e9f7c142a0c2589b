package dev.tracerlinks.tracker.classification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tracerlinks.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The literal prefilter never changes an answer: the index finds what running every pattern in order finds. */
class PatternIndexTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "Googlebot\\/                     | googlebot/",
        "[wW]get                          | get",
        "^curl                            | curl",
        "(?<!cam)scan                     | scan",
        "yandex\\.com\\/bots              | yandex.com/bots",
        "http(s)?://                      | http",
        "^[^ ]{50,}$                      | none",
        "abc?def                          | def",
        "abcd+ef                          | abcd",
        "ab{0,2}cdef                      | cdef",
        "\\x41bcdef                       | bcdef",
        "\\p{L}+xyz                       | xyz",
    })
    void the_literal_every_match_contains(String regex, String literal) {
        List<String> literals = PatternIndex.requiredLiterals(regex);
        if (literal == null) {
            assertThat(literals).isNull();
        } else {
            assertThat(literals).contains(literal);
        }
    }

    @Test
    void every_top_level_alternative_needs_its_own_literal() {
        assertThat(PatternIndex.requiredLiterals("foo|barbaz")).containsExactly("foo", "barbaz");
        assertThat(PatternIndex.requiredLiterals("foo|ba")).isNull();
        assertThat(PatternIndex.requiredLiterals("(?<! cu)bots?(?:\\b|_)")).containsExactly("bot");
        assertThat(PatternIndex.requiredLiterals("(a|b)cdef|ghij")).containsExactly("cdef", "ghij");
    }

    @Test
    void the_index_answers_as_running_every_pattern_in_order_would() throws IOException {
        List<PatternIndex.Entry> entries = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/bots/crawler-user-agents.json")) {
            for (JsonNode entry : Json.newMapper().readTree(in)) {
                entries.add(new PatternIndex.Entry(entry.get("pattern").asText(), Pattern.compile(entry.get("pattern").asText())));
                entry.path("instances").forEach(instance -> samples.add(instance.asText()));
            }
        }
        try (InputStream in = getClass().getResourceAsStream("/bots/isbot-patterns.json")) {
            for (String pattern : Json.newMapper().readValue(in, new TypeReference<List<String>>() { })) {
                entries.add(new PatternIndex.Entry(pattern, Pattern.compile(pattern, Pattern.CASE_INSENSITIVE)));
            }
        }
        List<String> humans = Files.readAllLines(Path.of("../corpus/user-agents/humans.tsv"));
        for (int i = 1; i < humans.size(); i += 2) {
            samples.add(humans.get(i).split("\t", 2)[0]);
        }
        PatternIndex index = new PatternIndex(entries);
        // Most patterns need a literal; those that do not are few, or the prefilter buys nothing.
        assertThat(index.alwaysRunCount()).isLessThan(entries.size() / 10);
        for (String sample : samples) {
            Optional<String> bruteForce = entries.stream().filter(entry -> entry.pattern().matcher(sample).find())
                    .map(PatternIndex.Entry::name).findFirst();
            assertThat(index.firstMatch(sample).map(hit -> hit.entry().name())).as(sample).isEqualTo(bruteForce);
        }
        assertThat(samples).hasSizeGreaterThan(3500);
    }
}
