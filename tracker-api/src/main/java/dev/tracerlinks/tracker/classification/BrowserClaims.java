package dev.tracerlinks.tracker.classification;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user agent claims to be, as far as request headers can check it: the browsers that always
 * send Fetch Metadata ({@code Sec-Fetch-Site}, {@code -Mode}, {@code -Dest}) on a navigation.
 * Chrome and every Chromium browser from 80 (Site, Mode and User came in 76, Dest in 80), Firefox
 * from 90, Safari from 16.4. A claim is made only for a plain browser: Android WebViews
 * ({@code ; wv)}), iOS in-app browsers and Chrome, Firefox or Edge on iOS (WebKit underneath, with
 * their own version numbers) claim nothing here, so an app that embeds an older engine is never
 * judged by a browser's rules.
 */
final class BrowserClaims {
    private static final Pattern CHROMIUM = Pattern.compile("\\b(?:Chrome|Chromium)/(\\d+)\\.");
    private static final Pattern FIREFOX = Pattern.compile("\\bFirefox/(\\d+)\\.");
    private static final Pattern SAFARI = Pattern.compile("\\bVersion/(\\d+)(?:\\.(\\d+))?(?:\\.\\d+)?(?: Mobile/\\w+)? Safari/");
    private static final Pattern NOT_A_PLAIN_BROWSER = Pattern.compile("; wv\\)|CriOS/|FxiOS/|EdgiOS/|OPiOS/|HeadlessChrome|Electron/");

    private BrowserClaims() {
    }

    /** The browser and major version that promise Fetch Metadata on navigations, e.g. {@code Chrome/131}; empty when none does. */
    static Optional<String> sendsFetchMetadata(String userAgent) {
        if (!userAgent.startsWith("Mozilla/5.0 (") || NOT_A_PLAIN_BROWSER.matcher(userAgent).find()) {
            return Optional.empty();
        }
        Matcher chromium = CHROMIUM.matcher(userAgent);
        if (chromium.find()) {
            int major = Integer.parseInt(chromium.group(1));
            return major >= 80 && major < 1000 ? Optional.of("Chrome/" + major) : Optional.empty();
        }
        Matcher firefox = FIREFOX.matcher(userAgent);
        if (firefox.find()) {
            int major = Integer.parseInt(firefox.group(1));
            return major >= 90 && major < 1000 ? Optional.of("Firefox/" + major) : Optional.empty();
        }
        Matcher safari = SAFARI.matcher(userAgent);
        if (safari.find() && userAgent.contains("AppleWebKit/")) {
            int major = Integer.parseInt(safari.group(1));
            int minor = safari.group(2) == null ? 0 : Integer.parseInt(safari.group(2));
            boolean sends = major > 16 && major < 100 || major == 16 && minor >= 4;
            return sends ? Optional.of("Safari/" + major + "." + minor) : Optional.empty();
        }
        return Optional.empty();
    }
}
