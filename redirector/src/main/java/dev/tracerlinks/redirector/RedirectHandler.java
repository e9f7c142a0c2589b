package dev.tracerlinks.redirector;

import dev.tracerlinks.model.Anonymizer;
import dev.tracerlinks.model.ClickEvent;
import dev.tracerlinks.model.Tokens;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|HEAD /cv/{token}} and {@code /track/{token}}: resolve, hand the click to the shipper, and
 * answer 302 to exactly the stored destination. The client's address is read from the socket, cut to
 * its prefix and hashed here, and exists nowhere else.
 */
final class RedirectHandler {
    private static final int MAX_USER_AGENT = 512;

    private final LinkResolver resolver;
    private final ClickShipper shipper;
    private final VisitorSaltHolder salts;
    private final ClickIds clickIds;
    private final Clock clock;

    RedirectHandler(LinkResolver resolver, ClickShipper shipper, VisitorSaltHolder salts, ClickIds clickIds, Clock clock) {
        this.resolver = resolver;
        this.shipper = shipper;
        this.salts = salts;
        this.clickIds = clickIds;
        this.clock = clock;
    }

    void redirect(Context ctx) {
        // The destination must not learn the token, and nobody may cache or index the answer.
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Robots-Tag", "noindex, nofollow");
        ctx.header("X-Content-Type-Options", "nosniff");

        String token = Tokens.normalizeForLookup(ctx.pathParam("token"));
        LinkResolver.Resolution resolution;
        try {
            resolution = Tokens.isPlausible(token) ? resolver.resolve(token) : new LinkResolver.Unknown();
        } catch (TrackerClient.TrackerUnavailableException e) {
            ctx.header("Retry-After", "5");
            Pages.error(ctx, 503, "Temporarily unavailable",
                    "This link cannot be checked right now. Please try again in a moment.", null, clock.instant());
            return;
        }
        if (resolution instanceof LinkResolver.Active active) {
            shipper.submit(clickEvent(ctx, active.link().trackingId()));
            ctx.status(302).header("Location", asciiLocation(active.link().originalUrl()));
        } else if (resolution instanceof LinkResolver.Deactivated deactivated) {
            Pages.error(ctx, 410, "Link no longer active",
                    "The owner of this link has switched it off.", deactivated.trackingId(), clock.instant());
        } else {
            Pages.error(ctx, 404, "Link not found",
                    "There is no link at this address. Check it for typos.", null, clock.instant());
        }
    }

    private ClickEvent clickEvent(Context ctx, String trackingId) {
        boolean optedOut = Anonymizer.optedOut(ctx.header("DNT"), ctx.header("Sec-GPC"));
        String ipPrefix = null;
        String visitorHash = null;
        String userAgent = null;
        if (!optedOut) {
            String address = ctx.req().getRemoteAddr();
            userAgent = truncate(ctx.header("User-Agent"));
            ipPrefix = Anonymizer.ipPrefix(address).orElse(null);
            Optional<String> salt = salts.todaysSalt();
            Optional<String> identity = Anonymizer.addressIdentity(address, userAgent);
            if (salt.isPresent() && identity.isPresent()) {
                visitorHash = Anonymizer.visitorHash(salt.get(), identity.get());
            }
        }
        return new ClickEvent(clickIds.next().toString(), trackingId, clock.instant(), null, ipPrefix, visitorHash,
                userAgent, referrerOrigin(ctx.header("Referer")), null, null, ctx.method().name(), utmParameters(ctx));
    }

    /** Only scheme and host of the referrer leave the edge. */
    private static String referrerOrigin(String referrer) {
        if (referrer == null || referrer.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(referrer.strip());
            return uri.getScheme() == null || uri.getHost() == null ? null
                    : uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static Map<String, String> utmParameters(Context ctx) {
        Map<String, String> utm = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (name.startsWith("utm_") && name.length() <= 64 && !values.isEmpty() && utm.size() < 10) {
                String value = values.get(0);
                utm.put(name, value.length() <= 256 ? value : value.substring(0, 256));
            }
        });
        return utm;
    }

    /** Non-ASCII characters in a stored URL are percent-encoded: HTTP headers carry ASCII. */
    private static String asciiLocation(String destination) {
        try {
            return new URI(destination).toASCIIString();
        } catch (URISyntaxException e) {
            return destination;
        }
    }

    private static String truncate(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        return userAgent.length() <= MAX_USER_AGENT ? userAgent : userAgent.substring(0, MAX_USER_AGENT);
    }
}
