package dev.tracerlinks.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokensTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Amazon                         | amazon",
        "Amazon DE                      | amazon-de",
        "Société Générale               | societe-generale",
        "  --Acme,  Inc.--              | acme-inc",
        "Müller & Söhne GmbH            | muller-sohne-gmbh",
        "Straße AG                      | strasse-ag",
        "Ørsted                         | orsted",
        "Łódź Software                  | lodz-software",
        "Æon Œuvre                      | aeon-oeuvre",
        "Ｆｕｌｌｗｉｄｔｈ Corp                | fullwidth-corp",
        "ACME_Corp.io                   | acme-corp-io",
        "3M                             | 3m",
        "日本電気                        | company",
        "!!!                            | company",
        "🚀 Rocket Labs 🚀              | rocket-labs",
        "Crème Brûlée Café              | creme-brulee-cafe",
        "İstanbul Tech                  | istanbul-tech",
    })
    void slug_folds_accents_and_collapses_separators(String company, String expected) {
        assertThat(Tokens.slug(company)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n", "---", "()"})
    void empty_names_get_the_fallback_slug(String company) {
        assertThat(Tokens.slug(company)).isEqualTo(Tokens.FALLBACK_SLUG);
    }

    @org.junit.jupiter.api.Test
    void a_200_character_name_is_bounded_and_never_ends_with_a_dash() {
        String name = "Very Long Company Name ".repeat(9);
        assertThat(name.length()).isGreaterThanOrEqualTo(200);
        String slug = Tokens.slug(name);
        assertThat(slug).hasSizeLessThanOrEqualTo(Tokens.MAX_SLUG_LENGTH)
                .startsWith("very-long-company-name-very")
                .doesNotEndWith("-")
                .matches("[a-z0-9-]+");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "amazon-de     | amazon-de",
        "Amazon-DE     | amazon-de",
        "amazon-de/    | amazon-de",
        "amazon-de.    | amazon-de",
        "amazon-de,    | amazon-de",
        "amazon-de)    | amazon-de",
        "amazon-de).   | amazon-de",
        "amazon-de//   | amazon-de",
        "lt_abc123     | lt_abc123",
    })
    void lookup_is_case_insensitive_and_forgives_copy_paste_tails(String requested, String expected) {
        assertThat(Tokens.normalizeForLookup(requested)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<script>", "amazon de", "../etc", "-amazon", "ä-xx"})
    void implausible_tokens_are_rejected_at_the_edge(String token) {
        assertThat(Tokens.isPlausible(token)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"amazon-de", "company-xx", "lt_abc123def456", "3m-ab"})
    void plausible_tokens_are_looked_up(String token) {
        assertThat(Tokens.isPlausible(token)).isTrue();
    }
}
