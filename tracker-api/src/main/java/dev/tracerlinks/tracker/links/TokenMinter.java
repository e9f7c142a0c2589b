package dev.tracerlinks.tracker.links;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Picks a free {@code <slug>-<letters>} token. The suffix starts at the configured length and grows by
 * one letter once every suffix of the current length is taken, so tokens never collide and never run out.
 */
final class TokenMinter {
    private static final int RANDOM_ATTEMPTS = 32;

    private final RandomGenerator random;
    private final int minimumLetters;

    TokenMinter(RandomGenerator random, int minimumLetters) {
        this.random = random;
        this.minimumLetters = minimumLetters;
    }

    String mint(String slug, Collection<String> takenTokens) {
        for (int letters = minimumLetters; ; letters++) {
            Set<String> taken = takenSuffixes(slug, takenTokens, letters);
            long space = (long) Math.pow(26, letters);
            if (taken.size() >= space) {
                continue;
            }
            for (int attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) {
                String suffix = randomSuffix(letters);
                if (!taken.contains(suffix)) {
                    return slug + "-" + suffix;
                }
            }
            // Nearly full (only possible for short suffixes): choose uniformly among what is left.
            long pick = random.nextLong(space - taken.size());
            for (long index = 0; index < space; index++) {
                String suffix = suffixAt(index, letters);
                if (!taken.contains(suffix) && pick-- == 0) {
                    return slug + "-" + suffix;
                }
            }
        }
    }

    private static Set<String> takenSuffixes(String slug, Collection<String> tokens, int letters) {
        Set<String> suffixes = new HashSet<>();
        String prefix = slug + "-";
        for (String token : tokens) {
            if (token.startsWith(prefix) && token.length() == prefix.length() + letters
                    && token.substring(prefix.length()).chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                suffixes.add(token.substring(prefix.length()));
            }
        }
        return suffixes;
    }

    private String randomSuffix(int letters) {
        char[] suffix = new char[letters];
        for (int i = 0; i < letters; i++) {
            suffix[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(suffix);
    }

    private static String suffixAt(long index, int letters) {
        char[] suffix = new char[letters];
        for (int i = letters - 1; i >= 0; i--) {
            suffix[i] = (char) ('a' + index % 26);
            index /= 26;
        }
        return new String(suffix);
    }

    /** No 0/o, 1/l/i: a code read aloud or copied by hand stays right. */
    private static final String CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

    /** A short, unambiguous tracking code (8 characters, 31^8 of them) that {@code taken} does not know. */
    String trackingCode(java.util.function.Predicate<String> taken) {
        while (true) {
            StringBuilder code = new StringBuilder(8);
            for (int i = 0; i < 8; i++) {
                code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
            }
            if (!taken.test(code.toString())) {
                return code.toString();
            }
        }
    }
}
