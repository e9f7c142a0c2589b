package dev.tracerlinks.tracker.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenMinterTest {
    private final TokenMinter minter = new TokenMinter(new Random(42), 2);

    @Test
    void a_token_is_the_slug_and_two_lowercase_letters() {
        assertThat(minter.mint("amazon-de", List.of())).matches("amazon-de-[a-z]{2}");
    }

    @Test
    void all_676_two_letter_tokens_are_used_before_the_suffix_grows_and_none_repeats() {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 676; i++) {
            taken.add(minter.mint("acme", taken));
        }
        assertThat(new HashSet<>(taken)).hasSize(676);
        assertThat(taken).allMatch(token -> token.matches("acme-[a-z]{2}"));

        String next = minter.mint("acme", taken);
        assertThat(next).matches("acme-[a-z]{3}");
    }

    @Test
    void the_last_free_suffix_is_found() {
        List<String> taken = new ArrayList<>();
        for (char a = 'a'; a <= 'z'; a++) {
            for (char b = 'a'; b <= 'z'; b++) {
                if (!(a == 'q' && b == 'x')) {
                    taken.add("acme-" + a + b);
                }
            }
        }
        assertThat(minter.mint("acme", taken)).isEqualTo("acme-qx");
    }

    @Test
    void tokens_of_other_slugs_and_lengths_do_not_count_as_taken() {
        // "acme-de-xx" belongs to slug "acme-de"; "acme-abc" to the three-letter space.
        Set<String> seen = new HashSet<>();
        List<String> others = List.of("acme-de-xx", "acme-abc", "acme-1a");
        for (int i = 0; i < 200; i++) {
            seen.add(minter.mint("acme", others));
        }
        assertThat(seen).allMatch(token -> token.matches("acme-[a-z]{2}"));
    }

    @Test
    void operators_can_ask_for_longer_suffixes() {
        assertThat(new TokenMinter(new Random(1), 8).mint("acme", List.of())).matches("acme-[a-z]{8}");
    }
}
