package dev.tracerlinks.tracker.http;

import java.util.Map;

/**
 * Text a client names things with (ids, companies, titles, descriptions): stripped, bounded, and free
 * of the characters that make a stored value show something other than what it holds. Control
 * characters (NUL, BEL, CR/LF, C1) break logs, CSV exports and terminals; bidi overrides and
 * isolates (U+202E "right-to-left override") make {@code gpj.exe} read as {@code exe.jpg} on a
 * dashboard. Both are refused with a 400 rather than silently dropped, so what is stored is what
 * was sent. What a visitor's request carries (user agent, referrer, utm values) is different: a
 * click must not be lost over its visitor's odd header, so there they are replaced ({@link #sanitized}).
 */
public final class TextFields {
    private TextFields() {
    }

    /** The stripped value, or {@code null} when absent or blank; a 400 when too long or holding a refused character. */
    public static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new ApiException(400, field + " is " + stripped.length() + " characters long; the limit is " + max + ".",
                    Map.of("field", field));
        }
        checkCharacters(field, stripped);
        return stripped;
    }

    /** Refuses control characters and bidi formatting characters anywhere in the value. */
    public static void checkCharacters(String field, String value) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            if (isRefused(codePoint)) {
                throw new ApiException(400, field + " holds the character U+" + String.format("%04X", codePoint)
                        + " (" + (Character.getType(codePoint) == Character.CONTROL ? "a control character" : "a bidi formatting character")
                        + ") at position " + i + "; remove it.", Map.of("field", field));
            }
            if (Character.isSurrogate(value.charAt(i)) && !Character.isSupplementaryCodePoint(codePoint)) {
                throw new ApiException(400, field + " is not valid Unicode text (it holds half of a surrogate pair).", Map.of("field", field));
            }
            i += Character.charCount(codePoint);
        }
    }

    /**
     * Text observed from a visitor, with each refused character and each half of a surrogate pair
     * replaced by U+FFFD, so it can neither break an export nor read as something else.
     */
    public static String sanitized(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder clean = null;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            int length = Character.charCount(codePoint);
            boolean bad = isRefused(codePoint) || Character.isSurrogate(value.charAt(i)) && !Character.isSupplementaryCodePoint(codePoint);
            if (bad && clean == null) {
                clean = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (clean != null) {
                if (bad) {
                    clean.append('\uFFFD');
                } else {
                    clean.appendCodePoint(codePoint);
                }
            }
            i += length;
        }
        return clean == null ? value : clean.toString();
    }

    static boolean isRefused(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL
                // Left-to-right, right-to-left and Arabic letter marks: invisible, and they reorder what follows.
                || codePoint == 0x200E || codePoint == 0x200F || codePoint == 0x061C
                || codePoint >= 0x202A && codePoint <= 0x202E
                || codePoint >= 0x2066 && codePoint <= 0x2069
                || codePoint == 0x2028 || codePoint == 0x2029;
    }
}
