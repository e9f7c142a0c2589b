package dev.tracerlinks.redirector;

import dev.tracerlinks.model.Anonymizer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code REDIRECTOR_TRUSTED_PROXIES}: addresses or CIDR blocks (comma-separated) of the reverse proxies
 * in front of the redirector. Only when the socket peer is one of them is {@code X-Forwarded-For}
 * believed, and then the client is the rightmost hop that is not itself a trusted proxy: everything
 * to the left of it could have been written by the client.
 */
final class TrustedProxies {
    private record Block(byte[] network, int prefixLength) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = 0xff << (8 - remainingBits) & 0xff;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    static TrustedProxies parse(String setting) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            int slash = text.indexOf('/');
            byte[] network = Anonymizer.parseIpLiteral(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("REDIRECTOR_TRUSTED_PROXIES: \"" + text + "\" is not an IP address or CIDR block");
            }
            int maxBits = network.length * 8;
            int bits;
            try {
                bits = slash < 0 ? maxBits : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("REDIRECTOR_TRUSTED_PROXIES: bad prefix length in \"" + text + "\"");
            }
            if (bits < 0 || bits > maxBits) {
                throw new IllegalArgumentException("REDIRECTOR_TRUSTED_PROXIES: prefix length out of range in \"" + text + "\"");
            }
            blocks.add(new Block(network, bits));
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    boolean isTrusted(String address) {
        byte[] bytes = Anonymizer.parseIpLiteral(address);
        return bytes != null && blocks.stream().anyMatch(block -> block.contains(bytes));
    }

    /** The client's address: the socket peer, or for a trusted peer the rightmost untrusted forwarded hop. */
    String clientAddress(String socketPeer, String forwardedFor) {
        if (forwardedFor == null || !isTrusted(socketPeer)) {
            return socketPeer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = withoutPort(hops[i].strip());
            if (hop.isEmpty()) {
                continue;
            }
            if (Anonymizer.parseIpLiteral(hop) == null) {
                // Garbage in the chain: nothing left of it can be trusted, and it is not an address.
                return socketPeer;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return socketPeer;
    }

    /** Some proxies write {@code 1.2.3.4:5678} or {@code [2001:db8::1]:5678}. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close > 0 ? hop.substring(1, close) : hop;
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':') && hop.indexOf('.') > 0) {
            return hop.substring(0, colon);
        }
        return hop;
    }
}
