package dev.tracerlinks.tracker.classification;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ordered list of named regexes that answers "the first one that matches" without running them
 * all. Most user-agent patterns require some literal text ({@code Googlebot}, {@code ^curl/},
 * {@code (?<!cam)scan}); for each one the longest such literal is taken from the pattern, and only
 * patterns whose literal occurs in the user agent (found through an index of three-letter prefixes,
 * in one pass over the lower-cased text) are run. Patterns without a usable literal always run. A
 * user agent no pattern matches, the common case for people, then costs a few microseconds instead
 * of two thousand regex searches.
 *
 * <p>The literal search is sound for case-sensitive and case-insensitive patterns alike: it looks
 * for the lower-cased literal in the lower-cased text, and text a pattern matches contains its
 * literal in some case.
 */
final class PatternIndex {
    /** One pattern and the name {@code bot_reason} shows for it. */
    record Entry(String name, Pattern pattern) {
    }

    /** A match: the entry, and where in the text it matched. */
    record Hit(Entry entry, int start, int end) {
    }

    private static final int GRAM = 3;
    /** Inline flags that change how the pattern's text reads: comments ({@code x}), Unicode case ({@code u}, {@code U}). */
    private static final Pattern INLINE_FLAGS = Pattern.compile("\\(\\?[a-zA-Z]*[xuU][a-zA-Z-]*[:)]");

    private final List<Entry> entries;
    private final int[] alwaysRun;
    /** Literal number to the entries that require it. */
    private final List<int[]> entriesOfLiteral = new ArrayList<>();
    private final List<String> literals = new ArrayList<>();
    /** First three characters of a literal to the literals that start with them. */
    private final Map<Long, int[]> literalsByGram = new HashMap<>();

    PatternIndex(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, List<Integer>> byLiteral = new HashMap<>();
        List<Integer> always = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Pattern pattern = entries.get(i).pattern();
            // Comments mode, literal mode and Unicode case folding read the text differently from what the extraction assumes.
            boolean plain = (pattern.flags() & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.UNICODE_CASE | Pattern.CANON_EQ)) == 0;
            List<String> required = plain ? requiredLiterals(pattern.pattern()) : null;
            if (required == null) {
                always.add(i);
            } else {
                for (String literal : required) {
                    byLiteral.computeIfAbsent(literal, key -> new ArrayList<>()).add(i);
                }
            }
        }
        this.alwaysRun = always.stream().mapToInt(Integer::intValue).toArray();
        Map<Long, List<Integer>> grams = new HashMap<>();
        byLiteral.forEach((literal, owners) -> {
            int number = literals.size();
            literals.add(literal);
            entriesOfLiteral.add(owners.stream().mapToInt(Integer::intValue).toArray());
            grams.computeIfAbsent(gram(literal, 0), key -> new ArrayList<>()).add(number);
        });
        grams.forEach((gram, numbers) -> literalsByGram.put(gram, numbers.stream().mapToInt(Integer::intValue).toArray()));
    }

    int size() {
        return entries.size();
    }

    int alwaysRunCount() {
        return alwaysRun.length;
    }

    /** The first entry, in list order, whose pattern is found in {@code text}. */
    Optional<Hit> firstMatch(String text) {
        BitSet candidates = new BitSet(entries.size());
        for (int index : alwaysRun) {
            candidates.set(index);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (int position = 0; position + GRAM <= lower.length(); position++) {
            int[] starting = literalsByGram.get(gram(lower, position));
            if (starting == null) {
                continue;
            }
            for (int number : starting) {
                if (lower.startsWith(literals.get(number), position)) {
                    for (int entry : entriesOfLiteral.get(number)) {
                        candidates.set(entry);
                    }
                }
            }
        }
        for (int index = candidates.nextSetBit(0); index >= 0; index = candidates.nextSetBit(index + 1)) {
            Entry entry = entries.get(index);
            Matcher matcher = entry.pattern().matcher(text);
            if (matcher.find()) {
                return Optional.of(new Hit(entry, matcher.start(), matcher.end()));
            }
        }
        return Optional.empty();
    }

    private static long gram(String text, int position) {
        return ((long) text.charAt(position) << 32) | ((long) text.charAt(position + 1) << 16) | text.charAt(position + 2);
    }

    /**
     * Lower-cased literals one of which any match of the pattern contains (one per top-level
     * alternative), or null when some alternative has no literal of three characters or more.
     */
    static List<String> requiredLiterals(String regex) {
        if (INLINE_FLAGS.matcher(regex).find()) {
            return null;
        }
        List<String> branches = topLevelBranches(regex);
        if (branches == null) {
            return null;
        }
        List<String> literals = new ArrayList<>();
        for (String branch : branches) {
            String literal = longestLiteral(branch);
            if (literal == null || literal.length() < GRAM) {
                return null;
            }
            literals.add(literal.toLowerCase(Locale.ROOT));
        }
        return literals;
    }

    /** The alternatives of a pattern split at its top-level {@code |}; null when the syntax is not understood. */
    private static List<String> topLevelBranches(String regex) {
        List<String> branches = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(regex, i);
                if (i < 0) {
                    return null;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                branches.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            return null;
        }
        branches.add(regex.substring(start));
        return branches;
    }

    /**
     * The longest run of plain characters that every match of a branch contains. Groups, classes,
     * wildcards and escapes that stand for sets end a run; a character made optional by {@code ?},
     * {@code *} or {@code {0,n}} is taken off the run before it ends.
     */
    private static String longestLiteral(String branch) {
        String longest = null;
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < branch.length(); i++) {
            char c = branch.charAt(i);
            int nextIndex = i + 1;
            Character literal = null;
            if (c == '\\') {
                if (i + 1 >= branch.length()) {
                    return null;
                }
                char escaped = branch.charAt(i + 1);
                nextIndex = i + 2;
                if (escaped == 'Q' || escaped == 'k' || escaped == '0' || escaped == 'c') {
                    // A quoted run, a named back-reference, an octal code or a control character: not worth reading.
                    return null;
                } else if (escaped == 'x' || escaped == 'u' || escaped == 'p' || escaped == 'P' || escaped == 'N') {
                    // \x41, \x{41}, \u0041, \p{L}, \pL: a code or a set, and what follows is not literal text.
                    nextIndex = escapeEnd(branch, i + 1, escaped);
                    if (nextIndex < 0) {
                        return null;
                    }
                } else if (!Character.isLetterOrDigit(escaped)) {
                    literal = escaped;
                }
            } else if (c == '[') {
                nextIndex = classEnd(branch, i) + 1;
                if (nextIndex <= 0) {
                    return null;
                }
            } else if (c == '(') {
                nextIndex = groupEnd(branch, i) + 1;
                if (nextIndex <= 0) {
                    return null;
                }
            } else if (".^$|)".indexOf(c) < 0 && "?*+{".indexOf(c) < 0) {
                literal = c;
            }
            // A quantifier after this atom decides whether the atom is required.
            char quantifier = nextIndex < branch.length() ? branch.charAt(nextIndex) : 0;
            boolean optional = quantifier == '?' || quantifier == '*' || quantifier == '{' && branch.startsWith("{0", nextIndex);
            boolean repeated = quantifier == '+' || quantifier == '{' && !optional;
            if (literal != null && !optional) {
                run.append(literal);
            }
            if (literal == null || optional || repeated) {
                longest = longer(longest, run);
                run.setLength(0);
            }
            i = nextIndex - 1;
            if (quantifier == '?' || quantifier == '*' || quantifier == '+') {
                i++;
                // A lazy or possessive mark after the quantifier.
                if (i + 1 < branch.length() && (branch.charAt(i + 1) == '?' || branch.charAt(i + 1) == '+')) {
                    i++;
                }
            } else if (quantifier == '{') {
                int close = branch.indexOf('}', nextIndex);
                if (close < 0) {
                    return null;
                }
                i = close;
            }
        }
        return longer(longest, run);
    }

    private static String longer(String longest, StringBuilder run) {
        return longest == null || run.length() > longest.length() ? run.toString() : longest;
    }

    /** Index after an escape with an argument ({@code x}, {@code u}, {@code p}...) whose letter is at {@code letter}, or -1. */
    private static int escapeEnd(String regex, int letter, char kind) {
        int start = letter + 1;
        if (start < regex.length() && regex.charAt(start) == '{') {
            int close = regex.indexOf('}', start);
            return close < 0 ? -1 : close + 1;
        }
        int length = kind == 'x' ? 2 : kind == 'u' ? 4 : 1;
        return start + length <= regex.length() ? start + length : -1;
    }

    /** Index of the {@code ]} that closes the class opening at {@code open}, or -1. */
    private static int classEnd(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                int inner = classEnd(regex, i);
                if (inner < 0) {
                    return -1;
                }
                i = inner;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    /** Index of the {@code )} that closes the group opening at {@code open}, or -1. */
    private static int groupEnd(String regex, int open) {
        int depth = 0;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(regex, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
