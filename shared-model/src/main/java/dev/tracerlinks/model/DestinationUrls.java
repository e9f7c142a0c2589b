package dev.tracerlinks.model;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which destinations get a tracer link: absolute http(s) URLs with a host, nothing else. */
public final class DestinationUrls {
    /** The guide's {@code original_url VARCHAR(1000)}. */
    public static final int MAX_LENGTH = 1000;

    private DestinationUrls() {
    }

    /**
     * Returns the URL (only surrounding whitespace removed: a link redirects to exactly its destination)
     * or throws {@link InvalidDestinationException} with a sentence saying why it is refused.
     */
    public static String check(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidDestinationException("destination_url is empty; give an absolute http(s) URL such as https://github.com/you.");
        }
        String trimmed = url.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidDestinationException("destination_url is " + trimmed.length() + " characters long; the limit is " + MAX_LENGTH + ".");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidDestinationException("destination_url is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ").");
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new InvalidDestinationException("destination_url is a relative URL; give an absolute http(s) URL such as https://github.com/you.");
        }
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        if (!lowerScheme.equals("http") && !lowerScheme.equals("https")) {
            throw new InvalidDestinationException("destination_url uses the " + lowerScheme + ": scheme; only http and https destinations get tracer links.");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new InvalidDestinationException("destination_url carries a user name or password; tracer links never redirect to credentials.");
        }
        if (!uri.isOpaque() && uri.getHost() == null && uri.getRawAuthority() != null) {
            trimmed = withAsciiHost(trimmed, uri.getRawAuthority());
            uri = URI.create(trimmed);
        }
        if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidDestinationException("destination_url has no valid host name.");
        }
        if (uri.getPort() > 65535) {
            throw new InvalidDestinationException("destination_url has port " + uri.getPort() + "; ports go up to 65535.");
        }
        return trimmed;
    }

    /**
     * An internationalised host ({@code müller.de}) in its ASCII form ({@code xn--mller-kva.de}), which
     * is what browsers send anyway; anything that is not a valid host name stays refused.
     */
    private static String withAsciiHost(String url, String authority) {
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        String port = colon < 0 ? "" : authority.substring(colon);
        try {
            String ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
            return url.replaceFirst(Pattern.quote(authority), Matcher.quoteReplacement(ascii + port));
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException("destination_url has no valid host name.");
        }
    }
}
