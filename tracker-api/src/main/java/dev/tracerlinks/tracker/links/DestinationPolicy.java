package dev.tracerlinks.tracker.links;

import dev.tracerlinks.model.NetworkAddresses;
import dev.tracerlinks.tracker.http.ApiException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a tracer link may send people, beyond the URL rules of {@code DestinationUrls}. A public
 * redirect into loopback, a private network or a cloud metadata address ({@code 169.254.169.254})
 * sends a recruiter's browser into their own network: at best a broken link, at worst a request to
 * their intranet made in our name. A destination on this instance's own public host would make a
 * tracer link to a tracer link (clicks counted twice, or a loop). Addresses are judged as browsers
 * read them (decimal and hex IPv4 forms included); names are judged by their reserved suffixes, not
 * by DNS, which answers differently inside the recruiter's network than here.
 */
final class DestinationPolicy {
    private final Set<String> ownHosts;
    private final boolean allowPrivate;

    /** {@code allowPrivate}: TRACER_ALLOW_PRIVATE_DESTINATIONS, for intranet use. */
    DestinationPolicy(Set<String> ownHosts, boolean allowPrivate) {
        this.ownHosts = ownHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.allowPrivate = allowPrivate;
    }

    /** Throws a 400 with a sentence when the (already syntax-checked) destination may not get a tracer link. */
    void check(String destination) {
        String host = URI.create(destination).getHost().toLowerCase(Locale.ROOT);
        String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (ownHosts.contains(bare)) {
            throw refused("destination_url points at this Tracer Links instance (" + bare + "); a tracer link to a tracer link"
                    + " would count every click twice. Give the final destination instead.");
        }
        if (allowPrivate) {
            return;
        }
        byte[] address = NetworkAddresses.urlHostAddress(bare);
        String kind = address != null ? NetworkAddresses.nonPublicKind(address) : NetworkAddresses.localNameKind(bare);
        if (kind != null) {
            throw refused("destination_url goes to " + host + ", " + (kind.startsWith("a ") ? kind : "a " + kind + " address")
                    + ", which a recruiter's browser would look for in their own network. Give a public address, or set"
                    + " TRACER_ALLOW_PRIVATE_DESTINATIONS=true for intranet use.");
        }
    }

    private static ApiException refused(String sentence) {
        return new ApiException(400, sentence, Map.of("field", "destination_url"));
    }
}
