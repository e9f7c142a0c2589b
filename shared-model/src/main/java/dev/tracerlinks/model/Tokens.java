package dev.tracerlinks.model;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Token rules shared by issuance (tracker-api) and lookup (redirector). */
public final class Tokens {
    /** Slugs are bounded so a token stays readable in a PDF line; 40 fits "societe-generale-corporate-investment". */
    public static final int MAX_SLUG_LENGTH = 40;
    /** The slug used when a company name has no letters or digits we can keep. */
    public static final String FALLBACK_SLUG = "company";
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALPHANUMERIC_RUNS = Pattern.compile("[^a-z0-9]+");
    /** Letters that Unicode decomposition does not fold to ASCII. */
    private static final Map<String, String> SPECIAL_LETTERS = Map.ofEntries(
            Map.entry("ß", "ss"), Map.entry("æ", "ae"), Map.entry("œ", "oe"), Map.entry("ø", "o"),
            Map.entry("ł", "l"), Map.entry("đ", "d"), Map.entry("ð", "d"), Map.entry("þ", "th"),
            Map.entry("ı", "i"), Map.entry("ħ", "h"), Map.entry("ŋ", "ng"));

    private Tokens() {
    }

    /** {@code Société Générale} becomes {@code societe-generale}; a name with nothing to keep becomes {@value #FALLBACK_SLUG}. */
    public static String slug(String companyName) {
        if (companyName == null) {
            return FALLBACK_SLUG;
        }
        String lower = Normalizer.normalize(companyName, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(lower.length());
        lower.codePoints().forEach(codePoint -> {
            String letter = Character.toString(codePoint);
            folded.append(SPECIAL_LETTERS.getOrDefault(letter, letter));
        });
        String ascii = COMBINING_MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
        String slug = trimDashes(NON_ALPHANUMERIC_RUNS.matcher(ascii).replaceAll("-"));
        if (slug.length() > MAX_SLUG_LENGTH) {
            slug = trimDashes(slug.substring(0, MAX_SLUG_LENGTH));
        }
        return slug.isEmpty() ? FALLBACK_SLUG : slug;
    }

    /**
     * What the edge looks up for a requested token: lower-cased, without the characters that copy-paste
     * out of a PDF tends to add at the end (a slash, a full stop, a comma, a closing parenthesis).
     */
    public static String normalizeForLookup(String requested) {
        String token = requested == null ? "" : requested.strip().toLowerCase(Locale.ROOT);
        int end = token.length();
        while (end > 0 && "/.,)".indexOf(token.charAt(end - 1)) >= 0) {
            end--;
        }
        return token.substring(0, end);
    }

    /**
     * False for anything that cannot be a tracking id, so the edge can answer 404 without asking anyone.
     * Tracking ids of the guide ({@code lt_abc123}) and our tokens both pass.
     */
    public static boolean isPlausible(String normalizedToken) {
        // The same as the pattern [a-z0-9][a-z0-9_-]{0,99}, spelled out: this runs on every redirect.
        int length = normalizedToken.length();
        if (length == 0 || length > 100) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = normalizedToken.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && (i == 0 || (c != '-' && c != '_'))) {
                return false;
            }
        }
        return true;
    }

    private static String trimDashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }
}
