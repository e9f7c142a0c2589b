package dev.tracerlinks.redirector;

import dev.tracerlinks.model.Anonymizer;
import dev.tracerlinks.model.ClickEvent;
import dev.tracerlinks.model.DestinationParameters;
import dev.tracerlinks.model.Tokens;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|HEAD /cv/{token}} and {@code /track/{token}}: rate-limit, resolve, write the click to the
 * outbox, and only then answer 302 to exactly the stored destination. The client's address is read
 * here (socket, or {@code X-Forwarded-For} from a trusted proxy), cut to its prefix and hashed, and
 * exists nowhere else.
 */
final class RedirectHandler {
    private static final int MAX_USER_AGENT = 512;
    private static final int MAX_SIGNAL = 128;
    /** Request headers that tell a browser from a scanner or a prefetch, without saying who it is. */
    private static final String[] SIGNAL_HEADERS = {
        "Accept", "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest", "Sec-Fetch-User", "Sec-Purpose", "Purpose",
        "X-Purpose", "X-Moz"};

    private final LinkResolver resolver;
    private final ClickOutbox outbox;
    private final VisitorSaltHolder salts;
    private final ClickIds clickIds;
    private final TrustedProxies trustedProxies;
    private final RateLimiter rateLimiter;
    private final Clock clock;

    RedirectHandler(LinkResolver resolver, ClickOutbox outbox, VisitorSaltHolder salts, ClickIds clickIds,
            TrustedProxies trustedProxies, RateLimiter rateLimiter, Clock clock) {
        this.resolver = resolver;
        this.outbox = outbox;
        this.salts = salts;
        this.clickIds = clickIds;
        this.trustedProxies = trustedProxies;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    void redirect(Context ctx) {
        // The destination must not learn the token, and nobody may cache or index the answer.
        Pages.SECURITY_HEADERS.forEach(ctx::header);

        String client = trustedProxies.clientAddress(ctx.req().getRemoteAddr(), forwardedFor(ctx));
        long retryAfter = rateLimiter.admit(client);
        if (retryAfter > 0) {
            ctx.header("Retry-After", String.valueOf(retryAfter));
            Pages.error(ctx, 429, "Too many requests", "Too many requests from your network; please wait a moment.",
                    null, clock.instant());
            return;
        }
        String token = Tokens.normalizeForLookup(ctx.pathParam("token"));
        LinkResolver.Resolution resolution;
        try {
            resolution = Tokens.isPlausible(token) ? resolver.resolve(token) : new LinkResolver.Unknown();
        } catch (TrackerClient.TrackerUnavailableException e) {
            // Counted like a 404: while tracker-api is away, guessing tokens must not be free either.
            rateLimiter.recordNotFound(client);
            ctx.header("Retry-After", "5");
            Pages.error(ctx, 503, "Temporarily unavailable",
                    "This link cannot be checked right now. Please try again in a moment.", null, clock.instant());
            return;
        }
        if (resolution instanceof LinkResolver.Active active) {
            ClickEvent click = clickEvent(ctx, client, active.trackingId());
            outbox.append(click);
            ctx.status(302).header("Location", location(active.link(), click.clickId()));
        } else if (resolution instanceof LinkResolver.Deactivated deactivated) {
            Pages.error(ctx, 410, "Link no longer active",
                    "The owner of this link has switched it off.", deactivated.trackingId(), clock.instant());
        } else {
            rateLimiter.recordNotFound(client);
            Pages.error(ctx, 404, "Link not found",
                    "There is no link at this address. Check it for typos.", null, clock.instant());
        }
    }

    /** A plain link goes to exactly its destination; a tracking link adds its code and the click's id. */
    private static String location(LinkReplica.KnownLink link, String clickId) {
        return link.clickIdParam() == null ? link.location() : DestinationParameters.add(link.location(), link.clickIdParam(), clickId);
    }

    /** Every X-Forwarded-For line, in order: a proxy may add its own line rather than extend the client's. */
    private static String forwardedFor(Context ctx) {
        Enumeration<String> lines = ctx.req().getHeaders("X-Forwarded-For");
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        return String.join(",", Collections.list(lines));
    }

    private ClickEvent clickEvent(Context ctx, String client, String trackingId) {
        boolean optedOut = Anonymizer.optedOut(ctx.header("DNT"), ctx.header("Sec-GPC"));
        String ipPrefix = null;
        String visitorHash = null;
        String userAgent = null;
        if (!optedOut) {
            userAgent = truncate(ctx.header("User-Agent"), MAX_USER_AGENT);
            byte[] address = Anonymizer.parseIpLiteral(client);
            Optional<String> salt = salts.todaysSalt();
            if (address != null) {
                ipPrefix = Anonymizer.ipPrefix(address);
                if (salt.isPresent()) {
                    visitorHash = Anonymizer.visitorHash(salt.get(), Anonymizer.addressIdentity(address, userAgent));
                }
            }
        }
        return new ClickEvent(clickIds.next().toString(), trackingId, clock.instant(), null, ipPrefix, visitorHash,
                userAgent, referrerOrigin(ctx.header("Referer")), null, null, ctx.method().name(), utmParameters(ctx),
                signals(ctx, optedOut, userAgent == null, secureContext(ctx)));
    }

    /**
     * Whether the request reached a potentially trustworthy URL (https, or a localhost name): browsers
     * send Fetch Metadata headers only there, so their absence means something only then. Behind a
     * trusted proxy, its X-Forwarded-Proto says how the client came in.
     */
    private boolean secureContext(Context ctx) {
        String scheme = ctx.scheme();
        String forwardedProto = ctx.header("X-Forwarded-Proto");
        if (forwardedProto != null && trustedProxies.isTrusted(ctx.req().getRemoteAddr())) {
            String[] hops = forwardedProto.split(",");
            scheme = hops[hops.length - 1].strip().toLowerCase(Locale.ROOT);
        }
        String host = ctx.req().getServerName() == null ? "" : ctx.req().getServerName().toLowerCase(Locale.ROOT);
        return "https".equals(scheme) || host.equals("localhost") || host.endsWith(".localhost") || host.equals("127.0.0.1")
                || host.equals("[::1]") || host.equals("::1");
    }

    private static Map<String, String> signals(Context ctx, boolean optedOut, boolean noUserAgent, boolean secureContext) {
        Map<String, String> signals = new LinkedHashMap<>();
        for (String header : SIGNAL_HEADERS) {
            String value = ctx.header(header);
            if (value != null && !value.isBlank()) {
                signals.put(header.toLowerCase(Locale.ROOT), truncate(value.strip(), MAX_SIGNAL));
            }
        }
        signals.put("accept-language-present", String.valueOf(ctx.header("Accept-Language") != null));
        signals.put("secure-context", String.valueOf(secureContext));
        if (optedOut) {
            // The user agent was dropped on purpose: a missing one must not read as a bot.
            signals.put("privacy-opt-out", "true");
        } else if (noUserAgent) {
            signals.put("user-agent-present", "false");
        }
        return signals;
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
        String query = ctx.queryString();
        if (query == null || !query.contains("utm_")) {
            return Map.of();
        }
        Map<String, String> utm = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (name.startsWith("utm_") && name.length() <= 64 && !values.isEmpty() && utm.size() < 10) {
                utm.put(name, truncate(values.get(0), 256));
            }
        });
        return utm;
    }

    private static String truncate(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
