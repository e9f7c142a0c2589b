package dev.tracerlinks.tracker.links;

import dev.tracerlinks.model.NetworkAddresses;
import dev.tracerlinks.tracker.http.ApiException;
import java.net.IDN;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
    private final List<byte[]> ownAddresses;
    private final boolean allowPrivate;

    /**
     * {@code ownHosts}: the hosts of the public base URL and the printed base; {@code allowPrivate}:
     * TRACER_ALLOW_PRIVATE_DESTINATIONS, for intranet use.
     */
    DestinationPolicy(Set<String> ownHosts, boolean allowPrivate) {
        this.ownHosts = ownHosts.stream().map(DestinationPolicy::normalised).collect(Collectors.toUnmodifiableSet());
        // A base URL on an address: the same address written another way (2130706433, 0x7f.1) is the same host.
        this.ownAddresses = this.ownHosts.stream().map(NetworkAddresses::urlHostAddress).filter(Objects::nonNull).toList();
        this.allowPrivate = allowPrivate;
    }

    /** A host as compared here: lower case, without the trailing dot of a fully qualified name, in its ASCII (punycode) form. */
    static String normalised(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        String bare = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        try {
            return IDN.toASCII(bare, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return bare;
        }
    }

    /** Throws a 400 with a sentence when the (already syntax-checked) destination may not get a tracer link. */
    void check(String destination) {
        String host = URI.create(destination).getHost().toLowerCase(Locale.ROOT);
        String bare = normalised(host);
        byte[] destinationAddress = NetworkAddresses.urlHostAddress(bare);
        if (ownHosts.contains(bare) || destinationAddress != null && ownAddresses.stream().anyMatch(own -> Arrays.equals(own, destinationAddress))) {
            throw refused("destination_url points at this Tracer Links instance (" + bare + "); a tracer link to a tracer link"
                    + " would count every click twice. Give the final destination instead.");
        }
        if (allowPrivate) {
            return;
        }
        String kind = destinationAddress != null ? NetworkAddresses.nonPublicKind(destinationAddress) : NetworkAddresses.localNameKind(bare);
        if (kind != null) {
            throw refused("destination_url goes to " + host + ", " + (kind.startsWith("a ") ? kind : article(kind) + " " + kind + " address")
                    + ", which a recruiter's browser would look for in their own network. Give a public address, or set"
                    + " TRACER_ALLOW_PRIVATE_DESTINATIONS=true for intranet use.");
        }
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    private static ApiException refused(String sentence) {
        return new ApiException(400, sentence, Map.of("field", "destination_url"));
    }
}
