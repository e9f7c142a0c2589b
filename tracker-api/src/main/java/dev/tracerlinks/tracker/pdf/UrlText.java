package dev.tracerlinks.tracker.pdf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a page prints a link's own URL. Resumes show URLs in many forms ({@code https://x.dev/},
 * {@code x.dev}, {@code linkedin.com/in/jane} for {@code https://www.linkedin.com/in/jane/}, a path
 * without its query), sometimes wrapped over lines, so the search runs over the glyphs under the
 * link's rectangles and accepts any display form of the URL, ignoring line breaks inside it.
 */
final class UrlText {
    /** A place where the page prints the URL: the glyphs to replace, and whether the scheme was shown. */
    record Occurrence(List<Glyph> glyphs, boolean showsScheme) {
    }

    private UrlText() {
    }

    /** Every display form of {@code uri}, lower-cased, longest first. */
    static List<String> displayForms(String uri) {
        String full = uri.strip();
        String noFragment = cut(full, '#');
        String noQuery = cut(noFragment, '?');
        Set<String> forms = new LinkedHashSet<>();
        for (String base : List.of(full, noFragment, noQuery)) {
            String schemeless = base.replaceFirst("(?i)^https?://", "");
            String bare = schemeless.replaceFirst("(?i)^www\\.", "");
            for (String form : List.of(base, schemeless, bare, "www." + bare)) {
                addWithSlashVariants(forms, form);
                addWithSlashVariants(forms, percentDecoded(form));
            }
        }
        List<String> result = new ArrayList<>();
        for (String form : forms) {
            String normal = normalise(form);
            // A display form names a host; anything shorter than "x.io" would match ordinary words.
            if (normal.length() >= 4 && normal.contains(".") && !result.contains(normal)) {
                result.add(normal);
            }
        }
        result.sort(Comparator.comparingInt(String::length).reversed());
        return result;
    }

    /** The places among {@code glyphs} (in drawing order) where {@code uri} is printed. */
    static List<Occurrence> find(List<Glyph> glyphs, String uri) {
        StringBuilder text = new StringBuilder();
        List<Integer> owner = new ArrayList<>();
        Glyph previous = null;
        for (int i = 0; i < glyphs.size(); i++) {
            Glyph glyph = glyphs.get(i);
            if (previous != null && isGap(previous, glyph) || glyph.isWhitespace()) {
                text.append(' ');
                owner.add(-1);
            }
            if (!glyph.isWhitespace()) {
                String normal = normalise(glyph.text());
                for (int k = 0; k < normal.length(); k++) {
                    text.append(normal.charAt(k));
                    owner.add(i);
                }
            }
            previous = glyph;
        }
        List<String> forms = displayForms(uri);
        List<Occurrence> found = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int matchedEnd = -1;
            String matchedForm = null;
            if (text.charAt(at) != ' ' && startsWord(text, at)) {
                for (String form : forms) {
                    int end = matchAt(text, at, form);
                    if (end > 0 && endsWord(text, end)) {
                        matchedEnd = end;
                        matchedForm = form;
                        break;
                    }
                }
            }
            if (matchedEnd < 0) {
                at++;
                continue;
            }
            int first = owner.get(at);
            int last = owner.get(lastOwned(owner, matchedEnd));
            found.add(new Occurrence(List.copyOf(glyphs.subList(first, last + 1)), matchedForm.startsWith("http://") || matchedForm.startsWith("https://")));
            at = matchedEnd;
        }
        return found;
    }

    /** The end of a match of {@code form} at {@code start}, skipping line breaks and spaces inside it; -1 if none. */
    private static int matchAt(CharSequence text, int start, String form) {
        int position = start;
        for (int i = 0; i < form.length(); i++) {
            while (i > 0 && position < text.length() && text.charAt(position) == ' ') {
                position++;
            }
            if (position >= text.length() || text.charAt(position) != form.charAt(i)) {
                return -1;
            }
            position++;
        }
        return position;
    }

    private static int lastOwned(List<Integer> owner, int end) {
        int i = end - 1;
        while (owner.get(i) < 0) {
            i--;
        }
        return i;
    }

    /** A URL starts a word: the character before must not continue a host name or path. */
    private static boolean startsWord(CharSequence text, int at) {
        if (at == 0) {
            return true;
        }
        char before = text.charAt(at - 1);
        return !(Character.isLetterOrDigit(before) || "./-_@%~".indexOf(before) >= 0);
    }

    /** Sentence punctuation may follow a URL; more of a path may not. */
    private static boolean endsWord(CharSequence text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char after = text.charAt(end);
        return !(Character.isLetterOrDigit(after) || "/-_@%~=&#?".indexOf(after) >= 0);
    }

    /** A new line, or a horizontal gap wider than a thin space, separates words even without a space glyph. */
    private static boolean isGap(Glyph previous, Glyph next) {
        float size = Math.max(previous.size(), 0.1f);
        if (Math.abs(next.y() - previous.y()) > size * 0.5f) {
            return true;
        }
        float gap = next.x() - (previous.x() + previous.width());
        return gap > size * 0.2f || gap < -size;
    }

    /** Lower case, with the typographic look-alikes that producers print for - and ~ folded. */
    static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212 -> out.append('-');
                case 0x223C, 0x02DC, 0xFF5E -> out.append('~');
                default -> out.appendCodePoint(Character.toLowerCase(cp));
            }
        });
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static void addWithSlashVariants(Set<String> forms, String form) {
        forms.add(form);
        if (form.endsWith("/")) {
            forms.add(form.substring(0, form.length() - 1));
        } else if (form.indexOf('?') < 0 && form.indexOf('#') < 0) {
            forms.add(form + "/");
        }
    }

    private static String cut(String text, char at) {
        int index = text.indexOf(at);
        return index < 0 ? text : text.substring(0, index);
    }

    /** {@code %C3%A9} as the {@code é} a page would print; malformed escapes stay as they are. */
    private static String percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
