package dev.tracerlinks.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Adds a query parameter to a destination URL the way a tracking link must: before the fragment,
 * after any existing query, and never over a parameter the destination already has (the site's
 * own {@code utm_source} wins over ours).
 */
public final class DestinationParameters {
    private DestinationParameters() {
    }

    public static String add(String url, String name, String value) {
        if (name == null || value == null) {
            return url;
        }
        int hash = url.indexOf('#');
        String beforeFragment = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        int question = beforeFragment.indexOf('?');
        String encodedName = URLEncoder.encode(name, StandardCharsets.UTF_8);
        if (question >= 0) {
            for (String pair : beforeFragment.substring(question + 1).split("&")) {
                String existing = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (existing.equals(encodedName) || existing.equals(name)) {
                    return url;
                }
            }
        }
        String separator = question < 0 ? "?" : beforeFragment.endsWith("?") || beforeFragment.endsWith("&") ? "" : "&";
        return beforeFragment + separator + encodedName + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + fragment;
    }
}
